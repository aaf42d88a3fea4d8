package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files hold together: docker-compose.yml has every engine, every service module of the build,
 * two edges behind the load balancer, ports and a health check on each; the Kubernetes edge has its readiness
 * probe and preStop drain. No Docker engine runs here; {@code docker compose config} checks the file too where
 * the compose plugin is installed.
 */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Set<String> ENGINES = Set.of("rabbitmq", "mongodb", "elasticsearch", "redis", "zookeeper");

  @Test
  @SuppressWarnings("unchecked")
  void theComposeFileRunsEveryServiceWithPortsAndHealthChecks() throws Exception {
    Map<String, Object> compose = new Yaml().load(read("docker-compose.yml"));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services.keySet()).containsAll(ENGINES).contains("load-balancer");

    for (var service : services.entrySet()) {
      Map<String, Object> healthcheck = (Map<String, Object>) service.getValue().get("healthcheck");
      assertThat(healthcheck).as("health check of %s", service.getKey()).isNotNull().containsKey("test");
      assertThat((List<String>) service.getValue().get("ports")).as("ports of %s", service.getKey()).isNotEmpty();
      Object dependencies = service.getValue().get("depends_on");
      if (dependencies != null) {
        assertThat(services.keySet()).as("what %s depends on", service.getKey())
            .containsAll(((Map<String, Object>) dependencies).keySet());
      }
    }

    List<String> edges = new ArrayList<>();
    Set<String> built = new TreeSet<>();
    for (var service : services.entrySet()) {
      Map<String, Object> build = (Map<String, Object>) service.getValue().get("build");
      if (build == null) {
        continue;
      }
      String module = (String) ((Map<String, Object>) build.get("args")).get("SERVICE");
      built.add(module);
      Map<String, Object> environment = (Map<String, Object>) service.getValue().get("environment");
      assertThat(environment).as("environment of %s", service.getKey())
          .containsKeys("SWITCHBOARD_BROKER_URI", "SWITCHBOARD_MONGODB_URI", "SWITCHBOARD_REDIS_URI",
              "SWITCHBOARD_DISCOVERY_ZOOKEEPER", "SWITCHBOARD_SECURITY_TOKENSECRET");
      String healthTest = String.join(" ", (List<String>) ((Map<String, Object>) service.getValue().get("healthcheck")).get("test"));
      assertThat(healthTest).as("%s is healthy when ready", service.getKey()).contains("/actuator/health/readiness");
      if (module.equals("edge")) {
        edges.add(service.getKey());
        String publicUrl = (String) environment.get("SWITCHBOARD_EDGE_PUBLICURL");
        String published = ((List<String>) service.getValue().get("ports")).get(0).split(":")[0];
        assertThat(publicUrl).as("%s registers the address it is published at", service.getKey())
            .isEqualTo("ws://localhost:" + published + "/ws");
      }
    }
    assertThat(built).as("every service module of the build has a service").containsExactlyInAnyOrderElementsOf(serviceModules());
    assertThat(edges).hasSizeGreaterThanOrEqualTo(2);
    String loadBalancer = read("deploy/nginx/nginx.conf");
    for (String edge : edges) {
      assertThat(loadBalancer).as("the load balancer sends sockets to %s", edge).contains("server " + edge + ":8090");
    }
    assertThat(read("Dockerfile")).contains("ARG SERVICE").contains("${SERVICE}-0.1.0-SNAPSHOT-exec.jar");
  }

  @Test
  void dockerComposeAcceptsTheFileWhereItIsInstalled() throws Exception {
    if (!commandSucceeds("docker", "compose", "version")) {
      System.out.println("docker compose is not installed here: the YAML checks above stand in for it");
      return;
    }
    assertThat(commandSucceeds("docker", "compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q"))
        .as("docker compose config").isTrue();
  }

  /**
   * The local cluster script parses, and starts what the issue lists (starting it takes minutes and a real
   * RabbitMQ; MultiProcessClusterIT runs the same services as processes).
   */
  @Test
  void theLocalClusterScriptParsesAndStartsEveryService() throws Exception {
    if (commandSucceeds("bash", "--version")) {
      assertThat(commandSucceeds("bash", "-n", ROOT.resolve("scripts/cluster.sh").toString())).as("bash -n").isTrue();
    }
    String script = read("scripts/cluster.sh");
    for (String module : serviceModules()) {
      assertThat(script).as("cluster.sh starts %s", module).contains("/target/$module-$VERSION-exec.jar")
          .containsPattern("\"[a-z0-9-]+ \\d+ " + module + "\\b");
    }
    assertThat(script).contains("edge-1 8091 edge").contains("edge-2 8092 edge").contains("LocalInfrastructure")
        .contains("--switchboard.discovery.zookeeper=");
  }

  /**
   * {@code cluster.sh stop} stops every process it started (a service it forgot went on consuming the shared
   * queues of later runs): stand-in processes under each name, in a cluster folder of the test's own.
   */
  @Test
  void theLocalClusterScriptStopsEveryProcessItStarted(@TempDir Path clusterDir) throws Exception {
    String script = read("scripts/cluster.sh");
    Matcher services = Pattern.compile("\"([a-z0-9-]+) \\d+ [a-z]+").matcher(script);
    List<String> names = new ArrayList<>(List.of("infrastructure"));
    while (services.find()) {
      names.add(services.group(1));
    }
    assertThat(names).contains("accounts", "router", "history", "search", "push", "edge-1", "edge-2");
    Files.createDirectories(clusterDir.resolve("pids"));
    List<Process> running = new ArrayList<>();
    try {
      for (String name : names) {
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        running.add(sleeper);
        Files.writeString(clusterDir.resolve("pids/" + name + ".pid"), Long.toString(sleeper.pid()));
      }
      ProcessBuilder stop = new ProcessBuilder("bash", ROOT.resolve("scripts/cluster.sh").toString(), "stop")
          .redirectErrorStream(true);
      stop.environment().put("SWITCHBOARD_CLUSTER_DIR", clusterDir.toString());
      Process stopping = stop.start();
      String output = new String(stopping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(stopping.waitFor(60, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < names.size(); i++) {
        assertThat(running.get(i).waitFor(10, TimeUnit.SECONDS)).as("%s stopped; %s", names.get(i), output).isTrue();
      }
    } finally {
      running.forEach(Process::destroyForcibly);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theKubernetesEdgeIsReadyWhenRegisteredAndDrainsBeforeItStops() throws Exception {
    List<Map<String, Object>> documents = new ArrayList<>();
    new Yaml().loadAll(read("deploy/k8s/edge.yaml")).forEach(document -> documents.add((Map<String, Object>) document));
    Map<String, Object> deployment = ofKind(documents, "Deployment");
    ofKind(documents, "Service");
    ofKind(documents, "HorizontalPodAutoscaler");
    Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment
        .get("spec")).get("template")).get("spec");
    Map<String, Object> container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
    Map<String, Object> readiness = (Map<String, Object>) ((Map<String, Object>) container.get("readinessProbe")).get("httpGet");
    assertThat(readiness.get("path")).isEqualTo("/actuator/health/readiness");
    List<String> preStop = (List<String>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) container
        .get("lifecycle")).get("preStop")).get("exec")).get("command");
    assertThat(String.join(" ", preStop)).contains("POST").contains("http://127.0.0.1:8090/admin/drain");
    // the drain waits up to 10 s (switchboard.edge.drain-timeout) and must finish inside the grace period
    assertThat((Integer) podSpec.get("terminationGracePeriodSeconds")).isGreaterThan(10);
    // the edge's readiness includes its registration (edge.yaml)
    assertThat(read("edge/src/main/resources/edge.yaml")).contains("include: readinessState,registration");
  }

  private static Map<String, Object> ofKind(List<Map<String, Object>> documents, String kind) {
    return documents.stream().filter(document -> kind.equals(document.get("kind"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in deploy/k8s/edge.yaml"));
  }

  /** Modules of the root pom that are services: they build a runnable -exec jar (the load generator is a tool). */
  private static Set<String> serviceModules() throws IOException {
    Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(read("pom.xml"));
    Set<String> services = new TreeSet<>();
    while (modules.find()) {
      String module = modules.group(1);
      if (!module.equals("app") && !module.equals("bench") && read(module + "/pom.xml").contains("<classifier>exec</classifier>")) {
        services.add(module);
      }
    }
    return services;
  }

  private static String read(String relative) throws IOException {
    return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
  }

  private static boolean commandSucceeds(String... command) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ok = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
      if (!ok) {
        System.out.println(String.join(" ", command) + ": " + output);
      }
      return ok;
    } catch (IOException notInstalled) {
      return false;
    }
  }
}
