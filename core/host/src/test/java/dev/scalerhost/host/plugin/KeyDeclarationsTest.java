package dev.scalerhost.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.spi.ConfigKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDeclarationsTest {

    private static final String PROVIDER = "com.example.QueueProvider";

    @Test
    void acceptsOwnKeysAndAliasesOfTargetAndActivation() {
        assertThat(KeyDeclarations.problem(PROVIDER, List.of(ConfigKey.string("url", "Where.")),
                List.of(ConfigKey.number("target", "KEDA's word.").withAliases("depthThreshold"),
                        ConfigKey.string("queue", "Which.")))).isNull();
    }

    @Test
    void refusesAHostKeyOtherThanTargetAndActivation() {
        assertThat(KeyDeclarations.problem(PROVIDER, List.of(),
                List.of(ConfigKey.duration("timeout", "Mine."))))
                .isEqualTo("provider com.example.QueueProvider declares the binding key 'timeout', which is the host's; "
                        + "leave it out");
        assertThat(KeyDeclarations.problem(PROVIDER, List.of(ConfigKey.string("type", "Mine.")), List.of()))
                .contains("declares the source key 'type', which is the host's");
    }

    @Test
    void refusesASpellingGivenTwiceAndNullLists() {
        assertThat(KeyDeclarations.problem(PROVIDER, List.of(ConfigKey.string("url", "A."),
                ConfigKey.string("address", "B.").withAliases("url")), List.of()))
                .contains("'url' twice");
        assertThat(KeyDeclarations.problem(PROVIDER, null, List.of()))
                .isEqualTo("provider com.example.QueueProvider returned null from sourceKeys(); return an empty list instead");
    }
}
