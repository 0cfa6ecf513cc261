package dev.llmgateway.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretBoxTest {
    private static final String API_KEY = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";
    private final String masterKey = SecretBox.generateMasterKey();
    private final SecretBox box = SecretBox.fromBase64(masterKey);

    @Test
    void decryptsWhatItEncrypted() {
        String sealed = box.encrypt(API_KEY);

        assertThat(sealed).startsWith("v1:").doesNotContain(API_KEY).doesNotContain("abcdefghijklmnop");
        assertThat(box.decrypt(sealed)).isEqualTo(API_KEY);
    }

    @Test
    void roundTripsEmptyAndNonAsciiSecrets() {
        assertThat(box.decrypt(box.encrypt(""))).isEmpty();
        assertThat(box.decrypt(box.encrypt("clé-秘密-🔑"))).isEqualTo("clé-秘密-🔑");
    }

    @Test
    void decryptsWithAnotherInstanceOfTheSameMasterKey() {
        assertThat(SecretBox.fromBase64(masterKey).decrypt(box.encrypt(API_KEY))).isEqualTo(API_KEY);
    }

    @Test
    void sealsTheSameTextDifferentlyEachTime() {
        assertThat(box.encrypt(API_KEY)).isNotEqualTo(box.encrypt(API_KEY));
    }

    @Test
    void refusesToDecryptUnderAnotherMasterKey() {
        String sealed = box.encrypt(API_KEY);
        SecretBox other = SecretBox.fromBase64(SecretBox.generateMasterKey());

        assertThatThrownBy(() -> other.decrypt(sealed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrong master key");
    }

    @Test
    void rejectsATamperedValue() {
        byte[] raw = Base64.getDecoder().decode(box.encrypt(API_KEY).substring(3));
        for (int position : new int[] {0, 12, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[position] ^= 0x01;

            assertThatThrownBy(() -> box.decrypt("v1:" + Base64.getEncoder().encodeToString(tampered)))
                    .as("byte %d flipped", position)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("altered");
        }
    }

    @Test
    void rejectsATruncatedOrForeignValue() {
        String sealed = box.encrypt(API_KEY);

        assertThatThrownBy(() -> box.decrypt(sealed.substring(0, sealed.length() - 8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.decrypt("v1:AAAA")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> box.decrypt(API_KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a sealed value");
        assertThatThrownBy(() -> box.decrypt(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.decrypt("v1:***")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsAMissingMasterKeyNamingTheVariable(String missing) {
        assertThatThrownBy(() -> SecretBox.fromBase64(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("master key is missing")
                .hasMessageContaining("GATEWAY_MASTER_KEY");
    }

    @Test
    void rejectsAMasterKeyOfTheWrongLength() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> SecretBox.fromBase64(sixteenBytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be 32 bytes, got 16");
    }

    @Test
    void rejectsAMasterKeyThatIsNotBase64WithoutEchoingIt() {
        String notBase64 = "this is my secret passphrase!!";

        assertThatThrownBy(() -> SecretBox.fromBase64(notBase64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining(notBase64);
    }

    @Test
    void acceptsAMasterKeyWithTheTrailingNewlineOfAnEnvFile() {
        String sealed = box.encrypt(API_KEY);

        assertThat(SecretBox.fromBase64(masterKey + "\n").decrypt(sealed)).isEqualTo(API_KEY);
    }

    @Test
    void generatesA32ByteMasterKey() {
        assertThat(Base64.getDecoder().decode(SecretBox.generateMasterKey())).hasSize(32);
        assertThat(SecretBox.generateMasterKey()).isNotEqualTo(SecretBox.generateMasterKey());
    }

    @Test
    void neverShowsTheKeyInToString() {
        assertThat(box.toString())
                .doesNotContain(masterKey)
                .doesNotContain(masterKey.substring(0, 8))
                .contains("AES-256-GCM");
    }
}
