package org.stowage.web.internal;

import java.util.Map;

/**
 * The console's figures for monitoring tools, as MBean {@value #OBJECT_NAME} (Karaf's JMX, same users as the shell;
 * read needs the viewer role by Karaf's default JMX ACL). Each read asks the services afresh; nothing is cached.
 */
public interface StowageMetricsMXBean {

    String OBJECT_NAME = "org.stowage:type=Metrics";

    /** READY, UNINITIALIZED, LOCKED, UNAVAILABLE, or STOPPED while the engine is not running. */
    String getRepositoryState();

    /** Snapshots in the repository; -1 while it is not ready. */
    int getSnapshots();

    /** Seconds since the newest snapshot started; -1 without one. */
    long getLatestSnapshotAgeSeconds();

    /** Stored bytes (compressed, encrypted) the snapshots added, over all snapshots: the repository's growth. */
    long getStoredBytes();

    /** Tasks of the API (backups, restores, job runs, checks, prunes) queued or running now. */
    int getTasksActive();

    /** Tasks of the API that failed, of the last 200. */
    int getTasksFailed();

    /** Per device id: its state (IDLE, BUSY, OFFLINE). */
    Map<String, String> getDeviceStates();

    /** Per device id: moving average of bytes per second on real transfers. */
    Map<String, Double> getDeviceTrafficBytesPerSecond();

    /** Per device id: bytes Stowage stores there. */
    Map<String, Long> getDeviceUsedBytes();

    /** Per device id: bytes that can still be written, -1 if unknown. */
    Map<String, Long> getDeviceFreeBytes();
}
