package dev.scalerhost.host.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.server.Response;

/**
 * The console's files, read once from the classpath: the page at {@code /}, its script and style,
 * and the charting library (uPlot, from its WebJar in {@code lib/}, with its licence) under
 * {@code /console/}. Nothing is fetched from elsewhere: the page's Content-Security-Policy allows
 * only this origin.
 */
final class ConsoleAssets extends Endpoint {

    static final String PAGE = "/";
    static final String PREFIX = "/console/";
    private static final String OWN = "dev/scalerhost/host/http/console/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final String SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

    private final Map<String, HttpReply> files = new LinkedHashMap<>();

    ConsoleAssets() {
        put(PAGE, OWN + "index.html", "text/html; charset=utf-8");
        put(PREFIX + "console.js", OWN + "console.js", "text/javascript; charset=utf-8");
        put(PREFIX + "console.css", OWN + "console.css", "text/css; charset=utf-8");
        String uplot = "META-INF/resources/webjars/uplot/" + webJarVersion() + "/";
        put(PREFIX + "uPlot.iife.min.js", uplot + "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8");
        put(PREFIX + "uPlot.min.css", uplot + "dist/uPlot.min.css", "text/css; charset=utf-8");
        put(PREFIX + "uPlot-LICENSE.txt", uplot + "LICENSE", HttpReply.TEXT);
    }

    @Override
    protected HttpReply reply() {
        return files.get(PAGE);
    }

    @Override
    protected HttpReply reply(String path) {
        HttpReply file = files.get(path);
        return file != null ? file : HttpReply.text(404, "no such console file: " + path.replaceAll("\\p{Cntrl}", "?")
                + "; the console is at /\n");
    }

    @Override
    protected void headers(Response response) {
        response.getHeaders().put("Content-Security-Policy", SECURITY_POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
    }

    private void put(String path, String resource, String contentType) {
        files.put(path, new HttpReply(200, contentType, read(resource)));
    }

    private static String webJarVersion() {
        Properties pom = new Properties();
        try (InputStream in = stream(UPLOT_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) throws IOException {
        InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("the console file " + resource + " is missing from the classpath");
        }
        return in;
    }
}
