# One image per service, from one multi-stage build:
#   docker build --build-arg SERVICE=edge -t switchboard/edge .
# SERVICE is one of: accounts, edge, router, history, search. docker-compose.yml builds all five; the build
# stage is the same for each, so it runs once and is cached.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests -pl accounts,edge,router,history,search -am

FROM eclipse-temurin:17-jre AS service
ARG SERVICE
# curl: for the health checks and the edge's preStop drain (POST /admin/drain from inside the container)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 switchboard
COPY --from=build /src/${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar /opt/switchboard/service.jar
USER 10001
# SIGTERM reaches the JVM directly (exec form): an edge drains, every service stops gracefully
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/switchboard/service.jar"]
