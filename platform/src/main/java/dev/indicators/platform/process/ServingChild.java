package dev.indicators.platform.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Starting a child JVM that serves on one or two loopback ports (the broker: client and controller; the registry: HTTP
 * and management), the part the broker and the registry share: choose the ports, launch, wait until the child answers,
 * retry on other ports when a port picked as free was taken before the child bound it, and remember the ports in
 * {@code ports.properties} of the child's directory so that a restart on the same data directory keeps its addresses
 * (clients pointed at it keep working).
 * <p>
 * A port is, in order: the one asked for (then it must be free: no retry); the one of the last run on this directory,
 * while it is free (when another process holds it, a warning says which port replaces it); else a free one.
 */
public final class ServingChild {

    private static final Logger log = LoggerFactory.getLogger(ServingChild.class);
    private static final int PORT_ATTEMPTS = 3;
    private static final List<String> BIND_ERRORS = List.of("Address already in use", "BindException", "already bound");
    public static final String PORTS_FILE = "ports.properties";
    /** {@link Spec#secondPort()} of a child with one port. */
    public static final int NO_SECOND_PORT = -1;

    /**
     * @param name       what the child is, in messages ("Kafka broker")
     * @param dir        the child's own directory: pid file, log, {@value #PORTS_FILE}
     * @param pidFile    see {@link ChildJvm}
     * @param port       asked for; 0: the last run's, else a free one
     * @param secondPort likewise; {@link #NO_SECOND_PORT} when the child has one port
     * @param timeout    how long the child may take to answer
     */
    public record Spec(String name, Path dir, Path pidFile, int port, int secondPort, Duration timeout) {
        boolean hasSecondPort() {
            return secondPort != NO_SECOND_PORT;
        }
    }

    /** The ports of one attempt; {@code second} is {@link #NO_SECOND_PORT} for a child with one port. */
    public record Ports(int main, int second) {
    }

    /** What differs between children: how to launch one on given ports, and how to tell that it answers. */
    public interface Launch<T> {
        ChildJvm start(Ports ports);

        /** Waits (through {@code readiness}) until the child answers on {@code ports}, and builds what the caller returns. */
        T awaitReady(ChildJvm child, Ports ports, Readiness readiness);
    }

    private ServingChild() {
    }

    /** Launches the child, waits until it answers and records its ports; throws with the tail of its log if it does not. */
    public static <T> T start(Spec spec, Launch<T> launch) {
        // a survivor of a killed parent still holds last run's ports: stop it first, so that they count as free
        ChildJvm.stopSurvivor(spec.name(), spec.pidFile());
        Properties remembered = readPorts(spec.dir());
        boolean portsPicked = spec.port() == 0 || spec.secondPort() == 0;
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int main = choose(spec, "port", spec.port(), remembered, NO_SECOND_PORT);
            int second = spec.hasSecondPort() ? choose(spec, "second.port", spec.secondPort(), remembered, main) : NO_SECOND_PORT;
            Ports ports = new Ports(main, second);
            ChildJvm child = launch.start(ports);
            try {
                T ready = launch.awaitReady(child, ports, new Readiness(spec.name(), child, System.nanoTime() + spec.timeout().toNanos(), spec.timeout()));
                writePorts(spec.dir(), ports);
                log.debug("{} answered on {} after {} ms", spec.name(), ports, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return ready;
            } catch (PortTaken e) {
                child.close();
                if (!portsPicked || attempt >= PORT_ATTEMPTS) {
                    throw new IllegalStateException(spec.name() + " could not bind its ports (" + describe(ports) + "); last lines of "
                            + child.logFile() + ":\n" + child.logTail(40));
                }
                remembered.clear(); // they were just lost to someone else: pick new ones
                log.info("a port picked for the {} was taken meanwhile, retrying with other ports", spec.name());
            } catch (RuntimeException | Error e) {
                child.close();
                throw e;
            }
        }
    }

    private static int choose(Spec spec, String key, int asked, Properties remembered, int otherThan) {
        if (asked > 0) return asked;
        String last = remembered.getProperty(key);
        if (last != null) {
            int port = Integer.parseInt(last.trim());
            if (port != otherThan && FreePort.isFree(port)) return port;
            int replacement = FreePort.pickOtherThan(otherThan);
            log.warn("{}: port {} of its last run on {} is taken by another process; it listens on {} instead, "
                    + "so clients configured with {} must be given {}", spec.name(), port, spec.dir(), replacement, port, replacement);
            return replacement;
        }
        return otherThan == NO_SECOND_PORT ? FreePort.pick() : FreePort.pickOtherThan(otherThan);
    }

    private static String describe(Ports ports) {
        return ports.second() == NO_SECOND_PORT ? Integer.toString(ports.main()) : ports.main() + ", " + ports.second();
    }

    /** The ports the last run on {@code dir} answered on; empty if none was recorded. */
    public static Properties readPorts(Path dir) {
        Properties props = new Properties();
        Path file = dir.resolve(PORTS_FILE);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
        }
        return props;
    }

    /** Records the ports {@code dir}'s child answered on, for the next start on it. */
    public static void writePorts(Path dir, Ports ports) {
        Properties props = new Properties();
        props.setProperty("port", Integer.toString(ports.main()));
        if (ports.second() != NO_SECOND_PORT) props.setProperty("second.port", Integer.toString(ports.second()));
        try (Writer out = Files.newBufferedWriter(dir.resolve(PORTS_FILE))) {
            props.store(out, "ports of the last run on this directory; the next start takes them again while they are free");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dir.resolve(PORTS_FILE), e);
        }
    }

    /** Waiting for a child to answer: a dead child or the deadline ends the wait with the tail of its log. */
    public static final class Readiness {
        private final String name;
        private final ChildJvm child;
        private final long deadline;
        private final Duration timeout;

        Readiness(String name, ChildJvm child, long deadline, Duration timeout) {
            this.name = name;
            this.child = child;
            this.deadline = deadline;
            this.timeout = timeout;
        }

        /** Polls {@code answers} every {@code interval} until it is true; {@code what} names the check in a timeout message. */
        public void await(String what, BooleanSupplier answers, Duration interval) {
            while (true) {
                checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not answer " + what + " within " + timeout.toSeconds()
                            + " s; last lines of " + child.logFile() + ":\n" + child.logTail(60));
                }
                if (answers.getAsBoolean()) return;
                sleep(interval);
            }
        }

        private void checkAlive() {
            if (child.isAlive()) return;
            String tail = child.logTail(60);
            if (BIND_ERRORS.stream().anyMatch(tail::contains)) throw new PortTaken();
            throw new IllegalStateException(name + " exited with code " + child.exitCode().orElse(-1)
                    + " before it was ready; last lines of " + child.logFile() + ":\n" + tail);
        }

        private void sleep(Duration interval) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the " + name, e);
            }
        }
    }

    /** The child lost a race for a port we picked. */
    private static final class PortTaken extends RuntimeException {
        PortTaken() {
            super(null, null, false, false);
        }
    }
}
