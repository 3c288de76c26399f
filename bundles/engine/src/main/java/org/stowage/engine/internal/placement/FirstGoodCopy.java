package org.stowage.engine.internal.placement;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceException;
import org.stowage.api.repository.IntegrityException;

/**
 * Reads a blob from the first device in an order of preference that serves it: a device that fails, or whose copy
 * fails the caller's verification ({@link IntegrityException}), is passed over for the next one. If none serves
 * it: the first damaged copy's failure, else the first read failure, else "not found" when no device holds the blob
 * (the others suppressed). Stateless; thread-safe.
 */
final class FirstGoodCopy {

    private static final Logger LOG = LoggerFactory.getLogger(FirstGoodCopy.class);

    private FirstGoodCopy() {
    }

    /** One attempt on one device. */
    @FunctionalInterface
    interface Read<T> {
        T from(Device device) throws IOException;
    }

    /**
     * @param order       the devices to try, best first
     * @param noneOnline  makes the failure when {@code order} is empty; only then, since describing why no device
     *                    is online asks every device for its status
     */
    static <T> T read(BlobName name, List<Device> order, Read<T> read, Supplier<DeviceException> noneOnline)
            throws IOException {
        IntegrityException damaged = null;
        IOException failure = null;
        BlobNotFoundException notFound = null;
        for (Device device : order) {
            try {
                T result = read.from(device);
                if (damaged != null || failure != null) {
                    LOG.warn("read {} from device '{}' after another copy failed: {}", name, device.descriptor().id(),
                            String.valueOf(damaged != null ? damaged.getMessage() : failure));
                }
                return result;
            } catch (IntegrityException e) {
                if (damaged == null) {
                    damaged = e;
                } else {
                    damaged.addSuppressed(e);
                }
            } catch (BlobNotFoundException e) {
                notFound = (BlobNotFoundException) merge(notFound, e);
            } catch (IOException e) {
                failure = merge(failure, e);
            }
        }
        if (damaged != null) {
            if (failure != null) {
                damaged.addSuppressed(failure);
            }
            throw damaged;
        }
        if (failure != null) {
            if (notFound != null) {
                failure.addSuppressed(notFound);
            }
            throw failure;
        }
        if (notFound != null) {
            throw notFound;
        }
        throw noneOnline.get();
    }

    private static IOException merge(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
