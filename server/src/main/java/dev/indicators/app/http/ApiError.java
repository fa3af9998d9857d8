package dev.indicators.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error answer: what went wrong, and the limit that was broken when there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, Long limit) {

    public static ApiError of(String error) {
        return new ApiError(error, null);
    }
}
