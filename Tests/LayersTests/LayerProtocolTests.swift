import Testing
@testable import Layers

@Suite struct LayerProtocolTests {
    @Test func activationNamesAreTheCommandLineNames() {
        #expect(Activation(rawValue: "gelu") == .gelu)
        #expect(Activation(rawValue: "softplus") == nil)
    }
}
