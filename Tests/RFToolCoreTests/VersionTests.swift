import Testing
@testable import RFToolCore

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(RFToolVersion.string.split(separator: ".").count == 3)
    }
}
