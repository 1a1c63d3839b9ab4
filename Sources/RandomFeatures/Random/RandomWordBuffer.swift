/// The words of a `RandomStream`, read in order from a local buffer that is filled many
/// words at a time (`RandomStream.fill(words:)`), for samplers that consume one word per
/// draw in their common case.
///
/// A reader sees exactly the sequence of `next()`; when it is done, the stream is advanced
/// by the number of words actually read (`RandomStream.discard`), so words filled but not
/// read are never skipped: the stream ends exactly where sequential calls would leave it.
///
/// The buffer is a temporary allocation owned by `read(from:capacity:using:_:)`; the
/// reader never outlives it.
struct RandomWordBuffer: RandomNumberGenerator {
    /// Storage; `storage[start ..< end]` are the words not read yet.
    private let storage: UnsafeMutableBufferPointer<UInt64>
    private var start = 0
    private var end = 0
    /// Continues after the last word written to `storage`.
    private var source: RandomStream
    /// Words read so far (handed out by `next()` or passed over by `advance(by:)`).
    private(set) var consumed = 0
    private let instructionSet: HadamardInstructionSet

    private init(storage: UnsafeMutableBufferPointer<UInt64>, source: RandomStream, set: HadamardInstructionSet) {
        self.storage = storage
        self.source = source
        self.instructionSet = set
    }

    /// Runs `body` with a reader of `stream`'s words, then advances `stream` by the words read.
    ///
    /// - Parameters:
    ///   - capacity: words held at once (≥ 16).
    ///   - set: the Philox kernel that fills the buffer (must be available).
    static func read<R>(
        from stream: inout RandomStream, capacity: Int, using set: HadamardInstructionSet,
        _ body: (inout RandomWordBuffer) -> R
    ) -> R {
        precondition(capacity >= 16)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity) { storage in
            var reader = RandomWordBuffer(storage: storage, source: stream, set: set)
            let result = body(&reader)
            stream.discard(reader.consumed)
            return result
        }
    }

    /// How many words can be read without a refill.
    var unreadCount: Int { end - start }

    /// The words not read yet, valid until the next refill or read.
    var unread: UnsafePointer<UInt64> { UnsafePointer(storage.baseAddress! + start) }

    /// Marks the first `count` unread words as read.
    mutating func advance(by count: Int) {
        precondition(count >= 0 && count <= unreadCount)
        start += count
        consumed += count
    }

    /// Keeps the unread words and appends the stream's next words, up to `count` unread in
    /// all (at most the capacity).
    mutating func refill(toHold count: Int) {
        let target = min(storage.count, count)
        let kept = unreadCount
        guard target > kept, let base = storage.baseAddress else { return }
        if start > 0 {
            // Front to back: the regions may overlap, and the destination comes first.
            for i in 0..<kept { base[i] = base[start + i] }
            start = 0
            end = kept
        }
        source._fill(words: UnsafeMutableBufferPointer(start: base + kept, count: target - kept), using: instructionSet)
        end = target
    }

    mutating func next() -> UInt64 {
        if start == end { refill(toHold: 32) }
        let word = storage[start]
        start += 1
        consumed += 1
        return word
    }
}
