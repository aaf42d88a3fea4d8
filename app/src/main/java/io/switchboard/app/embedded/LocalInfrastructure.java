package io.switchboard.app.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the local cluster (scripts/cluster.sh) needs besides the real RabbitMQ and Redis, in one process: a
 * ZooKeeper server, the MongoDB stand-in (no real mongod installs on these machines) and, unless
 * {@code SWITCHBOARD_ELASTICSEARCH_URI} names a real one, an Elasticsearch node; each on a fixed port so the
 * services can be pointed at them. Runs until SIGTERM.
 *
 * <pre>java -cp app.jar -Dloader.main=io.switchboard.app.embedded.LocalInfrastructure \
 *     org.springframework.boot.loader.launch.PropertiesLauncher DATA_DIR [ZK_PORT MONGO_PORT ES_PORT]</pre>
 */
public final class LocalInfrastructure {

  private LocalInfrastructure() {}

  public static void main(String[] args) throws InterruptedException {
    Path data = Path.of(args.length > 0 ? args[0] : "data/cluster").toAbsolutePath();
    int zookeeperPort = args.length > 1 ? Integer.parseInt(args[1]) : 2181;
    int mongoPort = args.length > 2 ? Integer.parseInt(args[2]) : 27017;
    int elasticsearchPort = args.length > 3 ? Integer.parseInt(args[3]) : 9200;

    List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      List<AutoCloseable> lastFirst = new ArrayList<>(started);
      Collections.reverse(lastFirst);
      for (AutoCloseable server : lastFirst) {
        try {
          server.close();
        } catch (Exception e) {
          System.err.println("stopping " + server + " failed: " + e);
        }
      }
      stopped.countDown();
    }, "local-infrastructure-stop"));

    EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(data.resolve("zookeeper"), zookeeperPort);
    started.add(zookeeper);
    EmbeddedMongo mongo = EmbeddedMongo.onDisk(data.resolve("mongodb").resolve("switchboard.mv.db"), mongoPort);
    started.add(mongo);
    String elasticsearch = System.getenv(EmbeddedInfrastructure.ELASTICSEARCH_URI_SETTING);
    if (elasticsearch == null || elasticsearch.isBlank()) {
      EmbeddedElasticsearch node = EmbeddedElasticsearch.start(data.resolve("elasticsearch"), elasticsearchPort);
      started.add(node);
      elasticsearch = node.uri();
    }
    System.out.println("Local infrastructure is running: zookeeper=" + zookeeper.connectString()
        + " mongodb=" + mongo.uri() + " elasticsearch=" + elasticsearch);
    stopped.await();
  }
}
