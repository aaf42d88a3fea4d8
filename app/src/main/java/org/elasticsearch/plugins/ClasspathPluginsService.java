package org.elasticsearch.plugins;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.Build;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

/**
 * Plugins given as classes on the classpath instead of plugin bundles in a plugins directory: how Switchboard's
 * all-in-one launcher hands the Netty4 transport and its root endpoint to an embedded Elasticsearch node. In this
 * package because {@link PluginsService.LoadedPlugin} is package-private.
 */
public final class ClasspathPluginsService extends PluginsService {

  private final List<LoadedPlugin> classpathPlugins;

  public ClasspathPluginsService(
      Settings settings, Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
    super(settings, environment.configDir(), noBundles());
    this.classpathPlugins = pluginClasses.stream()
        .map(pluginClass -> new LoadedPlugin(
            descriptor(pluginClass),
            loadPlugin(pluginClass, settings, environment.configDir()),
            pluginClass.getClassLoader()))
        .toList();
  }

  /**
   * A loader of no plugin bundles. Built directly: {@code createPluginsLoader} expects the server to run as a
   * named module, which it does not on a plain classpath.
   */
  public static PluginsLoader noBundles() {
    return new PluginsLoader(Set.of(), Set.of(), Map.of());
  }

  @Override
  protected List<LoadedPlugin> plugins() {
    return classpathPlugins;
  }

  private static PluginDescriptor descriptor(Class<? extends Plugin> pluginClass) {
    return new PluginDescriptor(pluginClass.getName(), "classpath plugin", "NA", Build.current().version(),
        Integer.toString(Runtime.version().feature()), pluginClass.getName(), null, List.of(),
        false, false, false, false);
  }
}
