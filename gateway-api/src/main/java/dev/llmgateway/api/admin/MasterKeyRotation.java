package dev.llmgateway.api.admin;

import dev.llmgateway.core.crypto.SecretBox;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Re-seals every provider API key under a new master key, in one transaction: either every key
 * moves or none does. Keys already sealed under the new key are left alone, so running it again
 * (e.g. after an instance that still had the old key wrote one) finishes the job.
 */
public final class MasterKeyRotation {
    private final Jdbi jdbi;

    public MasterKeyRotation(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** How many keys were re-sealed, and how many already used the new master key. */
    public record Outcome(int rotated, int alreadyRotated) {
    }

    /** @throws IllegalStateException naming a provider whose key opens under neither master key; nothing is changed then */
    public Outcome rotate(SecretBox current, SecretBox next) {
        return jdbi.inTransaction(handle -> {
            // Admin writes wait until we commit, so none can slip a key sealed under the old master key in between.
            handle.execute("LOCK TABLE provider_configs IN SHARE ROW EXCLUSIVE MODE");
            int rotated = 0;
            int already = 0;
            for (Sealed row : sealedKeys(handle)) {
                String plaintext;
                try {
                    plaintext = current.decrypt(row.apiKeyEncrypted());
                } catch (IllegalArgumentException notCurrent) {
                    if (opens(next, row.apiKeyEncrypted())) {
                        already++;
                        continue;
                    }
                    throw new IllegalStateException("provider '" + row.name() + "': its API key opens with neither the "
                            + "current nor the new master key; nothing was changed");
                }
                handle.createUpdate("UPDATE provider_configs SET api_key_encrypted = :sealed WHERE name = :name")
                        .bind("sealed", next.encrypt(plaintext))
                        .bind("name", row.name())
                        .execute();
                rotated++;
            }
            return new Outcome(rotated, already);
        });
    }

    private static List<Sealed> sealedKeys(Handle handle) {
        return handle.createQuery("SELECT name, api_key_encrypted FROM provider_configs "
                        + "WHERE api_key_encrypted IS NOT NULL ORDER BY name")
                .map((rs, ctx) -> new Sealed(rs.getString("name"), rs.getString("api_key_encrypted")))
                .list();
    }

    private static boolean opens(SecretBox box, String sealed) {
        try {
            box.decrypt(sealed);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record Sealed(String name, String apiKeyEncrypted) {
        @Override
        public String toString() {
            return "Sealed[" + name + "]";
        }
    }
}
