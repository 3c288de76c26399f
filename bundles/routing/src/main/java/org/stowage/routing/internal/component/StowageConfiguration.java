package org.stowage.routing.internal.component;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of a {@code stowage:<operation>} endpoint. Lists are comma-separated. Setters are what URI parameters
 * bind to (through the generated configurer); the producers read the getters once per message.
 */
@UriParams
public class StowageConfiguration implements Cloneable {

    @UriPath(enums = "backup,restore,snapshots,ls,check,forget,events", description = "What the endpoint does: "
            + "backup, restore, snapshots, ls, check, forget (producers) or events (consumer)")
    @Metadata(required = true)
    private String operation;

    // backup
    @UriParam(label = "producer,backup", description = "Absolute paths to back up, comma-separated (header "
            + "StowagePaths overrides). Without paths and job, the message body is backed up as one file")
    private String paths;
    @UriParam(label = "producer,backup", description = "Replicas of the one path in paths: the same tree mounted at "
            + "several places, comma-separated, in order of preference. The backup reads from the first it can list "
            + "and, when that one fails, goes on from the next where it stopped (a REPLICA_SWITCHED event per "
            + "switch); the snapshot records paths as its path")
    private String replicas;
    @UriParam(label = "producer,backup", description = "Run this configured job (its etc/org.stowage.job-NAME.cfg): "
            + "its paths, selection, placement, copy and retention, recorded in its last result")
    private String job;
    @UriParam(label = "producer,backup", description = "The name of the one file a backed-up body becomes; default "
            + "the header StowageFileName, else CamelFileNameOnly, else 'stdin'")
    private String fileName;
    @UriParam(label = "producer,backup,snapshots,forget", description = "Tags, comma-separated: recorded in the "
            + "snapshot (backup); only snapshots with every one of them (snapshots, forget)")
    private String tags;
    @UriParam(label = "producer,backup,snapshots", description = "The host name the snapshot records (default this "
            + "host's); with snapshots, only that host's snapshots")
    private String host;
    @UriParam(label = "producer,backup", description = "Parent snapshot whose unchanged files are reused unread: an "
            + "id, a prefix, or 'none' to read everything; default the latest of the same host and paths")
    private String parent;
    @UriParam(label = "producer,backup", description = "Only these of the repository's devices get this backup's "
            + "packs, comma-separated")
    private String devices;
    @UriParam(label = "producer,backup", description = "The node selector for this backup's packs")
    private String selector;
    @UriParam(label = "producer,backup", description = "How many devices hold each pack of this backup; 0 for the "
            + "repository's number")
    private int copies;

    // restore, ls
    @UriParam(label = "producer,restore,ls", defaultValue = "latest", description = "The snapshot: an id, a unique "
            + "prefix, or latest (header StowageSnapshotId overrides)")
    private String snapshot = "latest";
    @UriParam(label = "producer,restore", description = "The folder to restore into. Without it, restore streams "
            + "the one file snapshotPath names as the body")
    private String target;
    @UriParam(label = "producer,restore", description = "Paths inside the snapshot to restore, comma-separated; "
            + "default everything")
    private String includes;
    @UriParam(label = "producer,restore", defaultValue = "always", enums = "always,if-changed,never",
            description = "What a restore does where the target already has an entry")
    private String overwrite = "always";
    @UriParam(label = "producer,restore", description = "Read every restored file back and fail on a difference")
    private boolean verify;
    @UriParam(label = "producer,restore,ls", description = "A path inside the snapshot: the folder ls lists (default "
            + "/), or the one file restore streams as the body (header StowageSnapshotPath overrides)")
    private String snapshotPath;
    @UriParam(label = "producer,ls", description = "ls: everything below the path, not only its direct entries")
    private boolean recursive;

    // check, forget
    @UriParam(label = "producer,check", description = "check: also read every stored byte and verify it")
    private boolean readData;
    @UriParam(label = "producer,check", description = "check with readData: read only this device's copies")
    private String device;
    @UriParam(label = "producer,check", defaultValue = "true", description = "check: fail the exchange when the "
            + "check finds problems (a CHECK_FAILED event is published either way)")
    private boolean failOnError = true;
    @UriParam(label = "producer,forget", description = "forget: the retention policy, e.g. last=7,daily=14,weekly=8")
    private String policy;
    @UriParam(label = "producer,forget", description = "forget: then delete data no snapshot needs any more")
    private boolean prune;
    @UriParam(label = "producer,forget", description = "forget: report what would be removed, remove nothing")
    private boolean dryRun;

    // events
    @UriParam(label = "consumer", description = "events: the event types to receive, comma-separated "
            + "(JOB_STARTED, JOB_FINISHED, JOB_FAILED, SNAPSHOT_SAVED, CHECK_FAILED, DEVICE_BUSY, DEVICE_IDLE, "
            + "DEVICE_OFFLINE, STAGING_DRAINED, REPLICA_SWITCHED); default all")
    private String types;
    @UriParam(label = "consumer", defaultValue = "1000", description = "events: how many events may wait for a slow "
            + "route; beyond that new ones are dropped with a warning")
    private int queueSize = 1000;

    public String getOperation() { return operation; }
    public void setOperation(String operation) { this.operation = operation; }
    public String getReplicas() { return replicas; }
    public void setReplicas(String replicas) { this.replicas = replicas; }
    public String getPaths() { return paths; }
    public void setPaths(String paths) { this.paths = paths; }
    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
    public String getFileName() { return fileName; }
    public void setFileName(String fileName) { this.fileName = fileName; }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public String getParent() { return parent; }
    public void setParent(String parent) { this.parent = parent; }
    public String getDevices() { return devices; }
    public void setDevices(String devices) { this.devices = devices; }
    public String getSelector() { return selector; }
    public void setSelector(String selector) { this.selector = selector; }
    public int getCopies() { return copies; }
    public void setCopies(int copies) { this.copies = copies; }
    public String getSnapshot() { return snapshot; }
    public void setSnapshot(String snapshot) { this.snapshot = snapshot; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public String getIncludes() { return includes; }
    public void setIncludes(String includes) { this.includes = includes; }
    public String getOverwrite() { return overwrite; }
    public void setOverwrite(String overwrite) { this.overwrite = overwrite; }
    public boolean isVerify() { return verify; }
    public void setVerify(boolean verify) { this.verify = verify; }
    public String getSnapshotPath() { return snapshotPath; }
    public void setSnapshotPath(String snapshotPath) { this.snapshotPath = snapshotPath; }
    public boolean isRecursive() { return recursive; }
    public void setRecursive(boolean recursive) { this.recursive = recursive; }
    public boolean isReadData() { return readData; }
    public void setReadData(boolean readData) { this.readData = readData; }
    public String getDevice() { return device; }
    public void setDevice(String device) { this.device = device; }
    public boolean isFailOnError() { return failOnError; }
    public void setFailOnError(boolean failOnError) { this.failOnError = failOnError; }
    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public boolean isPrune() { return prune; }
    public void setPrune(boolean prune) { this.prune = prune; }
    public boolean isDryRun() { return dryRun; }
    public void setDryRun(boolean dryRun) { this.dryRun = dryRun; }
    public String getTypes() { return types; }
    public void setTypes(String types) { this.types = types; }
    public int getQueueSize() { return queueSize; }
    public void setQueueSize(int queueSize) { this.queueSize = queueSize; }
}
