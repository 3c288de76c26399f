package org.stowage.api.device.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceDetails;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * Base of a driver's DS component: the one service object that is {@link Device}, {@link BusyControl} and
 * {@link DeviceDetails}, forwarding every call unchanged to the family's device ({@link #delegate()}), so that the
 * component itself keeps only its lifecycle (validate the configuration, open, deactivate) and its logging.
 *
 * <p>It implements no other optional interface on purpose: callers test those with {@code instanceof} (the engine
 * orders restores by {@link org.stowage.api.device.PositionedDevice} only when a device implements it), so a family
 * that supports one implements it on its own component. Thread safety is the delegate's.
 *
 * @param <D> the family's device
 */
public abstract class ForwardingDevice<D extends Device & BusyControl> implements Device, BusyControl, DeviceDetails {

    /** The device every call goes to; set when the component is constructed and never changed. */
    protected abstract D delegate();

    @Override
    public DeviceDescriptor descriptor() {
        return delegate().descriptor();
    }

    @Override
    public DeviceStatus status() {
        return delegate().status();
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        delegate().put(name, content);
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        return delegate().get(name, range);
    }

    /** Forwards too, so that a driver's read into the caller's buffer is used instead of the copying default. */
    @Override
    public void get(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        delegate().get(name, range, out);
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        return delegate().stat(name);
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        delegate().list(type, visitor);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        delegate().delete(name);
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        return delegate().probe(bytes);
    }

    /** Reports BUSY with {@code reason} until {@code until}; for a shell command. */
    @Override
    public void setBusy(String reason, Instant until) {
        delegate().setBusy(reason, until);
    }

    /** Ends an operator-set busy period. */
    @Override
    public void clearBusy() {
        delegate().clearBusy();
    }

    /** The delegate's sections when it implements {@link DeviceDetails}, else none; override to show others. */
    @Override
    public List<Section> details() {
        return delegate() instanceof DeviceDetails details ? details.details() : List.of();
    }
}
