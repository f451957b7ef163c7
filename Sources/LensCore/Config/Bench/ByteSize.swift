/// Byte counts written the way people read them in configs and messages (`8 MiB`).
public enum ByteSize {
    /// `8 MiB`, `512 KiB`, `1 GiB` when the count is a whole number of those units, else `N bytes`.
    public static func describe(_ bytes: Int) -> String {
        for (unit, scale) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= scale && bytes % scale == 0 {
            return "\(bytes / scale) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
