package dev.llmgateway.api.cli;

import com.codahale.metrics.MetricRegistry;
import dev.llmgateway.api.GatewayConfiguration;
import dev.llmgateway.api.admin.MasterKey;
import dev.llmgateway.api.admin.MasterKeyRotation;
import dev.llmgateway.core.crypto.SecretBox;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code java -jar gateway-api.jar rotate-master-key config/api.yml}: re-seals every provider API
 * key from the configured master key ({@code GATEWAY_MASTER_KEY}) to a new one
 * ({@code GATEWAY_NEW_MASTER_KEY}, or {@code --new-key}), in one transaction.
 */
public final class RotateMasterKeyCommand extends ConfiguredCommand<GatewayConfiguration> {
    public static final String NEW_KEY_VARIABLE = "GATEWAY_NEW_MASTER_KEY";

    private final Function<String, String> environment;

    public RotateMasterKeyCommand() {
        this(System::getenv);
    }

    RotateMasterKeyCommand(Function<String, String> environment) {
        super("rotate-master-key", "Re-encrypt every provider API key under a new master key");
        this.environment = environment;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--new-key")
                .dest("new_key")
                .help("the new master key, base64 of 32 bytes; default: $" + NEW_KEY_VARIABLE
                        + " (prefer the variable: a command line is visible to other users)");
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace, GatewayConfiguration config) {
        SecretBox current = MasterKey.require(config.getMasterKey());
        String newKey = namespace.getString("new_key") != null ? namespace.getString("new_key")
                : environment.apply(NEW_KEY_VARIABLE);
        SecretBox next;
        try {
            next = SecretBox.fromBase64(newKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the new master key (--new-key or " + NEW_KEY_VARIABLE + ") is unusable: "
                    + e.getMessage(), null);
        }
        if (MessageDigest.isEqual(newKey.trim().getBytes(StandardCharsets.US_ASCII),
                config.getMasterKey().trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("the new master key is the current one; generate one with: openssl rand -base64 32");
        }
        ManagedDataSource dataSource = config.getDatabase().build(new MetricRegistry(), "rotate-master-key");
        try {
            Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
            MasterKeyRotation.Outcome outcome = new MasterKeyRotation(jdbi).rotate(current, next);
            System.out.println("Re-encrypted " + outcome.rotated() + " provider API key(s) under the new master key"
                    + (outcome.alreadyRotated() > 0 ? " (" + outcome.alreadyRotated() + " already used it)" : "")
                    + ". Now restart every API instance and worker with " + MasterKey.VARIABLE + " set to the new key.");
        } finally {
            stop(dataSource);
        }
    }

    private static void stop(ManagedDataSource dataSource) {
        try {
            dataSource.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the database connection pool", e);
        }
    }
}
