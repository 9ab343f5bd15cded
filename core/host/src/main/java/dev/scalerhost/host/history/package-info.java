/**
 * The host's memory of the last hour of every serviceType: bounded per serviceType, recorded on the
 * measurement path, read by the console and {@code /history}.
 */
package dev.scalerhost.host.history;
