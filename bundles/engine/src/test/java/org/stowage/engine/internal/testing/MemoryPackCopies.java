package org.stowage.engine.internal.testing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.stowage.api.device.ByteRange;
import org.stowage.api.device.MediaPosition;
import org.stowage.engine.internal.repo.PackCopies;

/**
 * The pack copies of a {@link MemoryRepository}: its simulated packs are on one random-access device,
 * {@code memory}, and have no bytes to read, write or delete (check, prune and copy need a real repository).
 */
final class MemoryPackCopies implements PackCopies {

    private static UnsupportedOperationException noBytes() {
        return new UnsupportedOperationException("the memory repository's packs have no bytes to copy, check or prune");
    }

    @Override
    public List<String> onlineDevices() {
        return List.of("memory");
    }

    @Override
    public List<String> copiesOf(String packId) {
        throw noBytes();
    }

    @Override
    public Map<String, Long> bytesByDevice() {
        throw noBytes();
    }

    @Override
    public Map<String, Map<String, Long>> listCopies() {
        throw noBytes();
    }

    @Override
    public Optional<MediaPosition> readPosition(String packId) {
        return Optional.empty();
    }

    @Override
    public ByteBuffer readPack(String packId) {
        throw noBytes();
    }

    @Override
    public void readCopy(String packId, String deviceId, ByteRange range, ByteBuffer out) {
        throw noBytes();
    }

    @Override
    public void writeCopy(String packId, String deviceId, ByteBuffer pack) {
        throw noBytes();
    }

    @Override
    public void recordCopies(Set<String> packIds, List<String> deviceIds) {
        throw noBytes();
    }

    @Override
    public void forgetCopies(String packId, List<String> deviceIds) {
        throw noBytes();
    }

    @Override
    public void deleteCopy(String packId, String deviceId) {
        throw noBytes();
    }

    @Override
    public void deleteEveryCopy(String packId) {
        throw noBytes();
    }
}
