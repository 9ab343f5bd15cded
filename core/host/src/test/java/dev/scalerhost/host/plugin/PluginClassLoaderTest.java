package dev.scalerhost.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.spi.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoaderTest {

    @TempDir
    static Path root;

    private static Path jar;
    private static PluginClassLoader loader;

    /** A plugin jar that bundles copies of classes the host or the JDK also has. */
    @BeforeAll
    static void buildPlugin() throws IOException {
        jar = TestJars.jar()
                .source("com.fasterxml.jackson.databind.ObjectMapper", TestPluginSources.FAKE_OBJECT_MAPPER)
                .source("javax.inject.Named", "package javax.inject; public @interface Named { String value(); }")
                .source("org.slf4j.bridge.Bridge", "package org.slf4j.bridge; public class Bridge { }")
                .resource("javax/sql/DataSource.class", classBytes(javax.sql.DataSource.class))
                .resource("dev/scalerhost/spi/Reading.class", classBytes(Reading.class))
                .resource("config.properties", "owner=plugin")
                .writeTo(root.resolve("bundling.jar"));
        loader = new PluginClassLoader("bundling", List.of(jar.toUri().toURL()),
                PluginClassLoaderTest.class.getClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        loader.close();
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void isNamedAfterThePluginAndParallelCapable() {
        assertThat(loader.getName()).isEqualTo("plugin:bundling");
        assertThat(loader.isRegisteredAsParallelCapable()).isTrue();
    }

    @Test
    void loadsItsOwnCopyOfAHostLibraryFirst() throws Exception {
        Class<?> mapper = loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper");

        assertThat(mapper.getClassLoader()).isSameAs(loader);
        assertThat(mapper).isNotSameAs(com.fasterxml.jackson.databind.ObjectMapper.class);
    }

    @Test
    void takesJdkClassesFromTheJdkEvenWhenItBundlesACopy() throws Exception {
        assertThat(loader.loadClass("javax.sql.DataSource")).isSameAs(javax.sql.DataSource.class);
        assertThat(loader.loadClass("java.lang.String")).isSameAs(String.class);
    }

    @Test
    void takesJavaxLibrariesTheJdkLacksFromThePlugin() throws Exception {
        assertThat(loader.loadClass("javax.inject.Named").getClassLoader()).isSameAs(loader);
    }

    @Test
    void sharesTheSpiAndSlf4jWithTheHostEvenWhenItBundlesACopy() throws Exception {
        assertThat(loader.loadClass("dev.scalerhost.spi.Reading")).isSameAs(Reading.class);
        assertThat(loader.loadClass("org.slf4j.Logger")).isSameAs(org.slf4j.Logger.class);
        assertThat(loader.loadClass("org.slf4j.bridge.Bridge").getClassLoader()).isSameAs(loader);
    }

    @Test
    void doesNotSeeTheHostsOtherLibraries() {
        for (String hostClass : List.of("org.eclipse.jetty.server.Server",
                "io.prometheus.metrics.model.registry.PrometheusRegistry",
                "io.grpc.ManagedChannel", "ch.qos.logback.classic.Logger", "dev.scalerhost.host.plugin.PluginLoader")) {
            assertThatThrownBy(() -> loader.loadClass(hostClass)).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void findsItsOwnResourcesFirstAndNoneOfTheHosts() throws Exception {
        URL own = loader.getResource("javax/sql/DataSource.class");
        List<URL> all = Collections.list(loader.getResources("javax/sql/DataSource.class"));

        assertThat(own.toString()).startsWith("jar:" + jar.toUri().toURL());
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).isEqualTo(own);
        assertThat(all.get(1).getProtocol()).isEqualTo("jrt");
        assertThat(loader.getResource("config.properties")).isNotNull();
        assertThat(loader.getResource("org/eclipse/jetty/server/Server.class")).isNull();
        assertThat(loader.getResource("com/fasterxml/jackson/databind/ObjectMapper.class").toString())
                .startsWith("jar:" + jar.toUri().toURL());
    }
}
