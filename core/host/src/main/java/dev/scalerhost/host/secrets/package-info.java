/**
 * Keeps secrets out of everything the host shows: the values it substituted into the configuration
 * and those plugins read as secrets are redacted from plugin-provided text and from the process's
 * output, whatever a plugin wrote.
 */
package dev.scalerhost.host.secrets;
