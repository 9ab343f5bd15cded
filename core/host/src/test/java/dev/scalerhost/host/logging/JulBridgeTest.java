package dev.scalerhost.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JulBridgeTest {

    private static final String TRANSPORT = "io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport.connections";

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger grpcServer = (Logger) LoggerFactory.getLogger("dev.scalerhost.host.grpc.GrpcServer");
    private Level grpcServerLevel;

    @BeforeEach
    void install() {
        logged.start();
        root.addAppender(logged);
        grpcServerLevel = grpcServer.getLevel();
        grpcServer.setLevel(Level.DEBUG);
        JulBridge.install();
    }

    @AfterEach
    void uninstall() {
        JulBridge.uninstall();
        grpcServer.setLevel(grpcServerLevel);
        root.detachAppender(logged);
    }

    @Test
    void julRecordsGoToTheHostsLogWithTheirLoggerLevelAndCause() {
        java.util.logging.Logger.getLogger("io.grpc.internal.SomeGrpcClass")
                .log(java.util.logging.Level.WARNING, "channel {0} broke", new Object[] {"c1"});

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLoggerName()).isEqualTo("io.grpc.internal.SomeGrpcClass");
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("channel c1 broke");
        });
    }

    @Test
    void aPlainHttpRequestToTheGrpcPortIsOneShortDebugLineWithoutAStackTrace() {
        Exception http1 = new Exception("Unexpected HTTP/1.x request: GET /status ");
        java.util.logging.Logger.getLogger(TRANSPORT).log(java.util.logging.Level.INFO, "Transport failed", http1);
        java.util.logging.Logger.getLogger(TRANSPORT).log(java.util.logging.Level.INFO, "Transport failed",
                new IOException("wrapped", new Exception("HTTP/2 client preface string missing or corrupt. Hex dump ...")));

        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.DEBUG);
        assertThat(logged.list).extracting(ILoggingEvent::getThrowableProxy).containsOnlyNulls();
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "gRPC port: closed a connection that does not speak gRPC (HTTP/2): it sent an HTTP/1.x request (GET /status)",
                "gRPC port: closed a connection that does not speak gRPC (HTTP/2): it sent bytes that are not an HTTP/2 preface");
    }

    @Test
    void otherTransportFailuresStayAsGrpcLoggedThem() {
        java.util.logging.Logger.getLogger(TRANSPORT).log(java.util.logging.Level.WARNING, "Transport failed",
                new IOException("Broken pipe"));

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLoggerName()).isEqualTo(TRANSPORT);
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("Broken pipe");
        });
    }
}
