# One image per process, chosen with --build-arg MODULE=gateway-api|gateway-worker|gateway-usage-stream.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
ARG MODULE=gateway-api
RUN mvn -q -B -pl ${MODULE} -am package -DskipTests && cp ${MODULE}/target/${MODULE}.jar /app.jar

FROM eclipse-temurin:17-jre
ARG MODULE=gateway-api
ENV MODULE=${MODULE}
COPY --from=build /app.jar /opt/gateway/app.jar
COPY config /opt/gateway/config
WORKDIR /opt/gateway
# The config file is named after the process: api.yml, worker.yml, usage-stream.yml.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar app.jar server config/${MODULE#gateway-}.yml"]
