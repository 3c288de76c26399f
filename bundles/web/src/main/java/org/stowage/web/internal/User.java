package org.stowage.web.internal;

/** Who made a request: the Karaf user name and the console role that user's Karaf roles map to. */
record User(String name, Role role) {
}
