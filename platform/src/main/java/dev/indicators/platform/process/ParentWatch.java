package dev.indicators.platform.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs inside our child JVMs: when the JVM that started them is gone (killed with SIGKILL, so its shutdown hooks
 * never ran), the child exits too, through its own shutdown hooks (a clean broker or registry shutdown).
 * Uses nothing but the JDK, so it can sit in front of any main class, also on another Java version.
 *
 * <p>As a main class: {@code ParentWatch <real main class> <its arguments...>}.
 */
public final class ParentWatch {

    /** System property of the child: the pid of the JVM that started it. */
    public static final String PARENT_PID = "indicators.parent.pid";

    private ParentWatch() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatch <main class> [arguments...]");
            System.exit(2);
        }
        exitWithParent();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Exits this JVM once the process named by {@code -Dindicators.parent.pid} has exited. */
    public static void exitWithParent() {
        String parent = System.getProperty(PARENT_PID);
        if (parent == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parent)).filter(ProcessHandle::isAlive).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> {
                    System.err.println("the process that started this one (" + parent + ") has exited: shutting down");
                    System.exit(0);
                }),
                () -> System.exit(0));
    }

    /** Where this class is loaded from (a jar or a classes directory), to put in front of a child's class path. */
    public static String location() {
        try {
            return Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the platform classes", e);
        }
    }
}
