/// The version `rftool --version` prints and result sidecars record.
public enum RFToolVersion {
    public static let string = "0.1.0"
}
