package org.stowage.routing.internal.device;

/**
 * The {@code stowage-device:<device id>} endpoint: one per device, the last stage of the placement routes and of the
 * probe route. Its headers:
 *
 * <table>
 *   <caption>headers</caption>
 *   <tr><th>header</th><th>type</th><th>in/out</th><th>meaning</th></tr>
 *   <tr><td>{@value #BLOB_NAME}</td><td>{@code BlobName}</td><td>in (put)</td><td>the name to store the body
 *       under</td></tr>
 *   <tr><td>{@value #DEVICE_ID}</td><td>String</td><td>out</td><td>the device the exchange reached, set before the
 *       device is called, so that it is there also when the call failed</td></tr>
 *   <tr><td>{@value #TRANSFER_NANOS}</td><td>Long</td><td>out</td><td>how long the put or probe took</td></tr>
 * </table>
 *
 * <p>Body: for {@code operation=put} the pack as a {@code ByteBuffer} (from its position to its limit; neither is
 * changed, the bytes are not copied); for {@code operation=probe} ignored on the way in and the
 * {@code ProbeResult} on the way out.
 */
public final class DeviceConstants {

    /** The component's URI scheme. */
    public static final String SCHEME = "stowage-device";

    public static final String BLOB_NAME = "StowageBlobName";
    public static final String DEVICE_ID = "StowageDeviceId";
    public static final String TRANSFER_NANOS = "StowageTransferNanos";

    private DeviceConstants() {
    }

    /** The endpoint URI of a device's put. */
    public static String putUri(String deviceId) {
        return SCHEME + ":" + deviceId;
    }

    /** The endpoint URI of a device's probe with {@code bytes} of test data. */
    public static String probeUri(String deviceId, int bytes) {
        return SCHEME + ":" + deviceId + "?operation=probe&probeSize=" + bytes;
    }
}
