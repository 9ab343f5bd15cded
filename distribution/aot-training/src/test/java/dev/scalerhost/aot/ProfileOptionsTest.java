package dev.scalerhost.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Whether the training run records method profiles into the cache: {@code SCALERHOST_AOT_PROFILES}. */
class ProfileOptionsTest {

    private static final String WITHOUT_PROFILES = "-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining";

    @Test
    void unsetBlankOrOffRecordsNoProfiles() {
        assertThat(TrainingRun.profileOptions(null)).isEqualTo(WITHOUT_PROFILES);
        assertThat(TrainingRun.profileOptions(" ")).isEqualTo(WITHOUT_PROFILES);
        assertThat(TrainingRun.profileOptions("OFF")).isEqualTo(WITHOUT_PROFILES);
    }

    @Test
    void onLeavesTheJvmsDefaultWhichRecordsThem() {
        assertThat(TrainingRun.profileOptions("on")).isEmpty();
        assertThat(TrainingRun.profileOptions(" On ")).isEmpty();
    }

    @Test
    void anythingElseIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> TrainingRun.profileOptions("yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SCALERHOST_AOT_PROFILES is 'yes'; use on or off");
    }
}
