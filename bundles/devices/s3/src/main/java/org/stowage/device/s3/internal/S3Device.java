package org.stowage.device.s3.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceDetails;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.device.support.DeviceLoad;
import org.stowage.api.device.support.TrafficMeter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A device on an S3 bucket (and key prefix), through camel-aws2-s3 ({@link S3Gateway}); keys: {@link S3Layout}.
 *
 * <p><b>Durability and atomicity</b> come from S3: an object appears whole when its PUT (or multipart complete)
 * succeeds, and list never shows objects being uploaded. <b>Write-once</b>: put first asks for the object (HEAD);
 * one of another size or another CRC32C (stored as user metadata) is a {@link BlobExistsException}; otherwise it is
 * read back and compared byte by byte, and put is a no-op only if it is equal. A re-put of an existing name is rare
 * (a retry after a crash), so the hot path pays one HEAD and a hardware CRC, not a cryptographic hash. "Check, then PUT" is
 * atomic within this process by a lock per name stripe; two processes must not write one prefix (the repository
 * lock sees to that). <b>Reads</b> are checked by {@link ResponseReader}: a short, long or corrupt body is retried,
 * never returned. Failures are retried by {@link Retrier}. Thread-safe.
 */
public final class S3Device implements Device, BusyControl, DeviceDetails, S3Status.Remote, AutoCloseable {

    static final int LIST_PAGE = 1000;

    private final S3Settings settings;
    private final S3Layout layout;
    private final S3Client client;
    private final S3Gateway gateway;
    private final DeviceLoad load;
    private final UsedSpace space;
    private final TrafficMeter traffic = new TrafficMeter();
    private final S3Status status;
    private final Retrier retrier;
    private final int listPage;
    private final Object[] stripes = new Object[256];

    /** Starts {@code camel} (owned by the device from now on); does not contact S3. */
    S3Device(S3Settings settings, CamelContext camel) {
        this(settings, camel, Clock.systemUTC(), LIST_PAGE);
    }

    S3Device(S3Settings settings, CamelContext camel, Clock clock, int listPage) {
        this.settings = settings;
        this.layout = new S3Layout(settings.prefix());
        this.client = S3Clients.create(settings);
        try {
            this.gateway = new S3Gateway(camel, client, settings);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        this.load = new DeviceLoad(settings.maxInFlight(), settings.busyWindows(), clock);
        this.space = new UsedSpace(settings.descriptor().id(), settings.descriptor().capacityBytes());
        this.status = new S3Status(settings, clock, load, traffic, space);
        this.retrier = new Retrier(settings.retryAttempts(), settings.retryBaseDelay(), status);
        this.listPage = listPage;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        status.connect(this);
    }

    @Override
    public DeviceDescriptor descriptor() {
        return settings.descriptor();
    }

    @Override
    public DeviceStatus status() {
        return status.current();
    }

    @Override
    public void setBusy(String reason, Instant until) {
        load.setBusy(reason, until);
    }

    @Override
    public void clearBusy() {
        load.clearBusy();
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        String key = layout.key(name);
        long size = content.remaining();
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("put of " + name);
            String crc32c = Digests.crc32cHex(content);
            synchronized (stripeOf(name)) {
                Optional<HeadObjectResponse> existing = retrier.call(() -> gateway.head(key));
                if (existing.isPresent()) {
                    checkSameContent(name, key, existing.get(), content, crc32c);
                    return;
                }
                space.reserve(name, size);
                boolean stored = false;
                try {
                    retrier.call(() -> upload(key, content, crc32c));
                    stored = true;
                } finally {
                    if (!stored) {
                        space.release(size);
                    }
                }
            }
            traffic.record(size);
            op.transferred(size);
        } catch (S3CallException e) {
            throw failure("put of " + name, key, e, name);
        }
    }

    private Void upload(String key, ByteBuffer content, String crc32c) throws Exception {
        gateway.put(key, content, crc32c);
        return null;
    }

    /** Returns if the stored object has this content; BlobExistsException otherwise. */
    private void checkSameContent(BlobName name, String key, HeadObjectResponse head, ByteBuffer content,
                                  String crc32c) throws IOException {
        String stored = head.metadata().get(S3Gateway.CRC32C);
        if (head.contentLength() == null || head.contentLength() != content.remaining()
                || (stored != null && !stored.equalsIgnoreCase(crc32c))) {
            throw new BlobExistsException(id(), name);
        }
        ByteBuffer existing = retrier.call(() -> ResponseReader.read(gateway.get(key, ByteRange.ALL), ByteRange.ALL));
        if (!existing.equals(content.duplicate())) {
            throw new BlobExistsException(id(), name);
        }
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        String key = layout.key(name);
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("get of " + name);
            ByteBuffer result = !range.isAll() && range.length() == 0 ? emptyRange(name, range)
                    : retrier.call(() -> ResponseReader.read(gateway.get(key, range), range));
            traffic.record(result.remaining());
            op.transferred(result.remaining());
            return result;
        } catch (S3CallException e) {
            throw failure("get of " + name + " " + range, key, e, name);
        }
    }

    /** S3 cannot GET zero bytes; a zero-length range only has to lie within the blob. */
    private ByteBuffer emptyRange(BlobName name, ByteRange range) throws IOException {
        Optional<BlobInfo> info = stat(name);
        if (info.isEmpty()) {
            throw new BlobNotFoundException(id(), name);
        }
        if (range.offset() > info.get().size()) {
            throw new DeviceException(id(), "get of " + name + " " + range + " failed: the range reaches past the "
                    + "end of the blob (" + info.get().size() + " bytes)");
        }
        return ByteBuffer.allocateDirect(0);
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        String key = layout.key(name);
        try {
            status.ensureOpen("stat of " + name);
            return retrier.call(() -> gateway.head(key)).map(head -> new BlobInfo(name, head.contentLength()));
        } catch (S3CallException e) {
            throw failure("stat of " + name, key, e, null);
        }
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        try {
            status.ensureOpen("list of " + type.folder());
            listFolder(type, retrier, visitor);
        } catch (S3CallException e) {
            throw failure("list of " + type.folder(), layout.folder(type), e, null);
        }
    }

    /** Pages through the type's folder with a marker (the last key of the previous page). */
    private void listFolder(BlobType type, Retrier calls, Consumer<BlobInfo> visitor) throws IOException {
        String folder = layout.folder(type);
        String marker = null;
        while (true) {
            String after = marker;
            List<S3Object> page = calls.call(() -> gateway.list(folder, after, listPage));
            for (S3Object object : page) {
                BlobName name = layout.nameOf(type, object.key());
                if (name != null) {
                    visitor.accept(new BlobInfo(name, object.size()));
                }
            }
            if (page.size() < listPage) {
                return;
            }
            marker = page.get(page.size() - 1).key();
        }
    }

    @Override
    public void delete(BlobName name) throws IOException {
        String key = layout.key(name);
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("delete of " + name);
            synchronized (stripeOf(name)) {
                Optional<HeadObjectResponse> head = retrier.call(() -> gateway.head(key));
                if (head.isEmpty()) {
                    return;
                }
                retrier.call(() -> remove(key));
                space.release(head.get().contentLength());
            }
        } catch (S3CallException e) {
            throw failure("delete of " + name, key, e, null);
        }
    }

    private Void remove(String key) throws Exception {
        gateway.delete(key);
        return null;
    }

    /**
     * PUTs {@code bytes} of random data as one object under {@code <prefix>/.probe/<random>} (outside every type
     * folder, so no list sees it, and not counted as used) and deletes it in a {@code finally}, so that even a
     * failed probe leaves nothing behind. The elapsed time is that of the PUT: the real upload path.
     */
    @Override
    public ProbeResult probe(int bytes) throws IOException {
        String key = layout.probeKey();
        try (DeviceLoad.InFlight op = load.begin()) {
            status.ensureOpen("probe");
            byte[] data = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(data);
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes).put(data).flip();
            String crc32c = Digests.crc32cHex(buffer);
            long start = System.nanoTime();
            Duration elapsed;
            S3CallException failed = null;
            try {
                retrier.call(() -> upload(key, buffer, crc32c));
                elapsed = Duration.ofNanos(System.nanoTime() - start);
            } catch (S3CallException e) {
                failed = e;
                throw e;
            } finally {
                removeProbe(key, failed);
            }
            return new ProbeResult(id(), bytes, elapsed);
        } catch (S3CallException e) {
            throw failure("probe with " + bytes + " bytes", key, e, null);
        }
    }

    private void removeProbe(String key, S3CallException failed) throws S3CallException, IOException {
        try {
            retrier.call(() -> remove(key));
        } catch (S3CallException e) {
            if (failed == null) {
                throw e;
            }
            failed.addSuppressed(e);
        }
    }

    @Override
    public long usedBytes(boolean patient) throws IOException {
        long[] total = {0};
        Retrier calls = patient ? retrier : retrier.once();
        for (BlobType type : BlobType.values()) {
            listFolder(type, calls, info -> total[0] += info.size());
        }
        return total[0];
    }

    @Override
    public void ping() throws IOException {
        if (!retrier.once().call(gateway::bucketExists)) {
            throw new DeviceException(id(), "bucket '" + settings.bucket() + "' does not exist at "
                    + settings.endpointName() + "; create it, fix the key 'bucket' or set 'create.bucket'");
        }
    }

    @Override
    public List<Section> details() {
        return S3Details.of(settings, status);
    }

    /** Stops the device's endpoints and CamelContext and closes its HTTP connections. */
    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            client.close();
        }
    }

    private Object stripeOf(BlobName name) {
        return stripes[Math.floorMod(name.hashCode(), stripes.length)];
    }

    private String id() {
        return settings.descriptor().id();
    }

    private DeviceException failure(String what, String key, S3CallException e, BlobName name) {
        return S3Failures.toDeviceException(settings, what, key, e, name);
    }
}
