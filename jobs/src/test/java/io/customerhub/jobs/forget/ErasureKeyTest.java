package io.customerhub.jobs.forget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.jobs.HubException;
import org.junit.jupiter.api.Test;

/** The sealing of a pending erasure's targets and the keyed hashes, without Spark. */
class ErasureKeyTest {

    @Test
    void sealedTargetsAreOpaqueAndOpenOnlyWithTheSameKey() {
        String sealed = ErasureKey.seal("key-1", "[\"crm/C1\",\"marie.dupont@example.fr\"]");

        assertThat(sealed).doesNotContain("C1", "marie");
        assertThat(ErasureKey.seal("key-1", "same text")).as("a fresh nonce each time").isNotEqualTo(ErasureKey.seal("key-1", "same text"));
        assertThat(ErasureKey.unseal("key-1", sealed)).isEqualTo("[\"crm/C1\",\"marie.dupont@example.fr\"]");
        assertThatThrownBy(() -> ErasureKey.unseal("key-2", sealed)).isInstanceOf(HubException.class)
                .hasMessageContaining("cannot be read with this erasure key");
    }

    @Test
    void aGoldenIdHashNeverEqualsASourceRecordHash() {
        assertThat(ErasureKey.hashGoldenId("k", "G1")).hasSize(64).isNotEqualTo(ErasureKey.hash("k", new SourceKey("golden_id", "G1")))
                .isNotEqualTo(ErasureKey.hashGoldenId("other-key", "G1"));
    }
}
