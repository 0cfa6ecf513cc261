package dev.llmgateway.api.db;

import dev.llmgateway.core.db.CatalogDao;
import dev.llmgateway.core.provider.CustomerOverride;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The admin API's access to {@code customer_overrides}. The table's foreign key to
 * {@code provider_configs} and its unique (user, service) index do the checking, so two admins
 * writing at once cannot both win.
 */
@RegisterRowMapper(CatalogDao.CustomerOverrideMapper.class)
public interface OverrideDao {
    String COLUMNS = "id, user_id, service_name, provider_name, model_name";

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_overrides ORDER BY id")
    List<CustomerOverride> list();

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_overrides WHERE user_id = :userId ORDER BY id")
    List<CustomerOverride> listForUser(String userId);

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_overrides WHERE id = :id")
    Optional<CustomerOverride> find(long id);

    /** The override that holds the (user, service) slot; a null service is the user's any-service slot. */
    @SqlQuery("SELECT " + COLUMNS + " FROM customer_overrides "
            + "WHERE user_id = :userId AND service_name IS NOT DISTINCT FROM :serviceName")
    Optional<CustomerOverride> findFor(String userId, String serviceName);

    @SqlQuery("SELECT " + COLUMNS + " FROM customer_overrides WHERE provider_name = :providerName ORDER BY id")
    List<CustomerOverride> usingProvider(String providerName);

    @SqlQuery("INSERT INTO customer_overrides (user_id, service_name, provider_name, model_name) "
            + "VALUES (:userId, :serviceName, :providerName, :modelName) RETURNING " + COLUMNS)
    CustomerOverride insert(@BindMethods CustomerOverride override);

    @SqlQuery("UPDATE customer_overrides SET user_id = :userId, service_name = :serviceName, "
            + "provider_name = :providerName, model_name = :modelName, updated_at = now() WHERE id = :id "
            + "RETURNING " + COLUMNS)
    Optional<CustomerOverride> update(@BindMethods CustomerOverride override);

    @SqlUpdate("DELETE FROM customer_overrides WHERE id = :id")
    int delete(long id);
}
