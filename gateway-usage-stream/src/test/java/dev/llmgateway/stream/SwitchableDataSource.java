package dev.llmgateway.stream;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that refuses connections while {@link #down()}, as an unreachable Postgres does,
 * and hands out real ones otherwise. Each {@code getConnection} is a new connection, so nothing
 * opened earlier survives an outage.
 */
public final class SwitchableDataSource implements DataSource {
    private final DataSource target;
    private volatile boolean up = true;

    public SwitchableDataSource(DataSource target) {
        this.target = target;
    }

    public void down() {
        up = false;
    }

    public void up() {
        up = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileDown();
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileDown();
        return target.getConnection(username, password);
    }

    private void refuseWhileDown() throws SQLException {
        if (!up) {
            throw new SQLException("Connection to 127.0.0.1:5432 refused (the test switched Postgres off)", "08001");
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
