package dev.indicators.platform.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Ports on the loopback interface, the only one the stack binds to. */
public final class FreePort {

    public static final String LOOPBACK = "127.0.0.1";

    private FreePort() {
    }

    /** A port free right now. Another process may take it before our child binds it; callers retry on a bind error. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /** A free port other than {@code taken}: the second port of a child that needs two. */
    public static int pickOtherThan(int taken) {
        int other;
        do {
            other = pick();
        } while (other == taken);
        return other;
    }

    /** {@code port}, or a free one when it is 0. */
    public static int orPick(int port) {
        return port > 0 ? port : pick();
    }

    /** Whether {@code port} can be bound on the loopback interface right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the children bind: connections of the last run in TIME_WAIT do not count
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean accepts(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
