package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.spi.ConfigKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown keys and value types checked against what a plugin declares, with no plugin reading anything. */
class DeclaredKeysTest {

    private static final PluginKeys QUEUE = new PluginKeys(Map.of("depthThreshold", "target"), false,
            List.of(ConfigKey.string("url", "Where the queue is.").asRequired(),
                    ConfigKey.section("tls", "Trust.", ConfigKey.string("caFile", "CAs."))),
            List.of(ConfigKey.number("target", "KEDA's word.").withAliases("depthThreshold"),
                    ConfigKey.string("queue", "The queue."),
                    ConfigKey.bool("exact", "Count exactly.").withDefault(false)));

    @TempDir
    Path directory;

    private List<String> problems(String yaml, PluginKeys keys) throws Exception {
        ConfigDocument document = new ConfigFixture(directory).read(yaml);
        new ConfigBinder(document, directory).bindWith(type -> type.equals("queue") ? keys : null);
        document.problems().addUnknownKeys(document);
        return document.problems().list().stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    @Test
    void aMisspeltDeclaredKeyIsUnknownWithTheDeclaredSpellingSuggested() throws Exception {
        assertThat(problems("""
                sources:
                  q: {type: queue, url: "http://q", tls: {caFiel: ca.pem}}
                serviceTypes:
                  depth: {source: q, queu: jobs, target: 5}
                """, QUEUE)).containsExactlyInAnyOrder(
                "sources.q.tls.caFiel: unknown key 'caFiel' (did you mean 'caFile'?)",
                "serviceTypes.depth.queu: unknown key 'queu' (did you mean 'queue'?)");
    }

    @Test
    void anUnreadDeclaredKeyOfTheWrongTypeIsReportedAsItsAccessorWould() throws Exception {
        assertThat(problems("""
                sources:
                  q: {type: queue, url: "http://q"}
                serviceTypes:
                  depth: {source: q, queue: jobs, exact: maybe, target: 5}
                """, QUEUE)).containsExactly("serviceTypes.depth.exact: expected true or false, got 'maybe'");
    }

    @Test
    void theAliasesOfTargetComeFromTheDeclarationAndAreKnownKeys() throws Exception {
        assertThat(problems("""
                sources:
                  q: {type: queue, url: "http://q"}
                serviceTypes:
                  depth: {source: q, queue: jobs, depthThreshold: 5}
                """, QUEUE)).isEmpty();
    }

    @Test
    void aPluginThatDeclaresNothingHasItsUnreadKeysReportedAsBefore() throws Exception {
        PluginKeys undeclared = new PluginKeys(Map.of(), false, List.of(), List.of());

        assertThat(problems("""
                sources:
                  q: {type: queue, url: "http://q"}
                """, undeclared)).containsExactly("sources.q.url: unknown key 'url' (known keys: maxStaleness, "
                + "refreshInterval, timeout, type)");
    }

    @Test
    void theHostsOwnSectionsAreCheckedAgainstHostKeys() throws Exception {
        assertThat(problems("""
                server:
                  grpc: {prot: 9090}
                  logFromat: json
                """, QUEUE)).containsExactlyInAnyOrder(
                "server.grpc.prot: unknown key 'prot' (did you mean 'port'?)",
                "server.logFromat: unknown key 'logFromat' (did you mean 'logFormat'?)");
    }
}
