/**
 * The host's configuration: a YAML file read into located nodes, substituted, bound to frozen
 * records, with every problem of the file reported at once.
 *
 * <pre>{@code
 * ConfigDocument document = ConfigDocument.read(file, System::getenv);   // throws if unparseable
 * ConfigBinder binder = new ConfigBinder(document, home);
 * PluginsConfig plugins = binder.plugins();                               // phase 1
 * ServerConfig server = binder.server();                                  // phase 1
 * // ... load plugins from plugins.directory() ...
 * HostConfig config = binder.bindWith(type -> keysOf(type));             // phase 2: PluginKeys
 * // ... open each source with source.settings(), prepare each serviceType with serviceType.params();
 * //     document.skipUnknownKeyCheck(settings) for those no plugin could read ...
 * document.problems().addUnknownKeys(document);
 * document.problems().throwIfAny(document.file());                        // ConfigException: the report
 * }</pre>
 */
package dev.scalerhost.host.config;
