package dev.indicators.contract.validation;

import java.util.List;
import java.util.stream.Collectors;

/** An event that breaks the contract; carries every field error found, not just the first. */
public class InvalidEventException extends IllegalArgumentException {

    private final transient List<FieldError> errors;

    public InvalidEventException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
