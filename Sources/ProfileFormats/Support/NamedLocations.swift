import ProfileCore

/// One location per frame name, for readers whose frames are names alone:
/// the name's string id indexes the location, so a frame met again costs
/// one string lookup, not three (string, function, location).
struct NamedLocations {
    private var byString: [Int32] = []

    /// The location of the function named by `bytes`, made once per name.
    mutating func location(_ bytes: UnsafeRawBufferPointer, in builder: inout ProfileBuilder) -> Int32 {
        location(builder.intern(bytes: bytes), in: &builder)
    }

    /// The location of the function named by string `id`, made once per name.
    mutating func location(_ id: Int32, in builder: inout ProfileBuilder) -> Int32 {
        let i = Int(id)
        if i < byString.count, byString[i] >= 0 { return byString[i] }
        if i >= byString.count { byString.append(contentsOf: repeatElement(-1, count: i + 1 - byString.count)) }
        let location = builder.location(function: builder.function(name: id))
        byString[i] = location
        return location
    }
}
