import Foundation
import Testing
@testable import RFToolCore

@Suite struct AtomicFileGroupTests {
    @Test func failureLeavesNoFile() throws {
        let dir = try temporaryFolder()
        // The second destination's folder is a regular file, so it cannot be created.
        FileManager.default.createFile(atPath: "\(dir)/blocker", contents: Data())
        #expect {
            try AtomicFileGroup.write([(path: "\(dir)/a.csv", text: "x\n"), (path: "\(dir)/blocker/b.csv", text: "y\n")])
        } throws: { ($0 as? RFToolError)?.kind == .ioError }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(left == ["blocker"], "left behind: \(left)")
    }

    @Test func replacesExistingFilesWhole() throws {
        let dir = try temporaryFolder()
        try AtomicFileGroup.write([(path: "\(dir)/a.csv", text: "old\n")])
        try AtomicFileGroup.write([(path: "\(dir)/a.csv", text: "new\n"), (path: "\(dir)/sub/b.csv", text: "b\n")])
        #expect(contents("\(dir)/a.csv") == Data("new\n".utf8))
        #expect(contents("\(dir)/sub/b.csv") == Data("b\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.csv", "sub"])
    }
}
