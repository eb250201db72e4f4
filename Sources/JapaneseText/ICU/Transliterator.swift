import CICUShim
import Synchronization

/// One ICU transform, usable from any number of threads.
///
/// ICU documents `utrans_transUChars` as taking a const transliterator, but rule-based and
/// compound transliterators keep scratch state and ICU makes no promise for concurrent
/// use of one instance. Cloning per call would re-copy the whole compound transform (hundreds
/// of rules for Latin-Hiragana), and one lock would serialise every request. So each instance
/// keeps a small pool of clones: a caller takes one under a mutex, uses it alone, and puts it
/// back. The pool only grows to the number of callers that were ever concurrent (bounded
/// by ``maxPooled``); extra clones are closed straight away.
final class Transliterator: @unchecked Sendable {
    // @unchecked: `prototype` is only cloned while `pool`'s lock is held, and every pooled handle
    // is owned by exactly one caller between checkout and checkin.
    private let prototype: OpaquePointer
    private let pool = Mutex<[Handle]>([])
    private let maxPooled = 16

    /// Opens a system transform by ID (`rules == nil`) or compiles `rules` under the name `id`.
    ///
    /// The IDs and rules used here are constants shipped with ICU's data, so failure means a
    /// broken ICU installation; that stops the process at first use rather than on a request.
    init(id: String, rules: String? = nil) {
        var status: Int32 = 0
        let handle: OpaquePointer? =
            if let rules {
                manabi_translit_open(id, rules, &status)
            } else {
                manabi_translit_open(id, nil, &status)
            }
        guard let handle, status <= 0 else {
            fatalError("ICU transliterator \(id) could not be opened (UErrorCode \(status))")
        }
        prototype = handle
    }

    deinit {
        for handle in pool.withLock({ $0 }) { manabi_translit_close(handle.pointer) }
        manabi_translit_close(prototype)
    }

    /// Transforms `text`; returns it unchanged if ICU fails (which valid UTF-8 does not cause).
    func apply(_ text: String) -> String {
        if text.isEmpty { return text }
        guard let handle = checkout() else { return text }
        defer { checkin(handle) }
        return ICUBuffer.apply(text) { utf8, length, outLength, status in
            manabi_translit_apply(handle.pointer, utf8, length, outLength, status)
        } ?? text
    }

    private func checkout() -> Handle? {
        pool.withLock { handles -> Handle? in
            if let handle = handles.popLast() { return handle }
            var status: Int32 = 0
            guard let copy = manabi_translit_clone(prototype, &status), status <= 0 else { return nil }
            return Handle(pointer: copy)
        }
    }

    private func checkin(_ handle: Handle) {
        let kept = pool.withLock { handles -> Bool in
            guard handles.count < maxPooled else { return false }
            handles.append(handle)
            return true
        }
        if !kept { manabi_translit_close(handle.pointer) }
    }

    /// A cloned transliterator; sendable because the pool gives it to one caller at a time.
    private struct Handle: @unchecked Sendable {
        let pointer: OpaquePointer
    }
}
