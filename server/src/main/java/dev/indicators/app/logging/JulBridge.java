package dev.indicators.app.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (used by the Apicurio registry client, among others) to SLF4J, so that the console shows
 * one format and {@code simplelogger.properties} decides what is shown: without it, JUL prints its own two-line
 * records on stderr whatever our log levels say.
 */
public final class JulBridge {

    private JulBridge() {
    }

    /** Idempotent: replaces JUL's console handler by the bridge once per JVM. */
    public static synchronized void install() {
        if (SLF4JBridgeHandler.isInstalled()) return;
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
