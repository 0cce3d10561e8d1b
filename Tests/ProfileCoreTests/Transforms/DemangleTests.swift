@testable import ProfileCore
import Testing

@Suite("Name simplification as pprof's -symbolize=demangle=MODE")
struct DemangleTests {
    func simplify(_ name: String, _ mode: DemangleMode = .default) -> String {
        String(decoding: NameSimplifier.simplify(Array(name.utf8), mode), as: UTF8.self)
    }

    @Test("default mode drops (…) and <…> groups of C++-like names, nested groups with them")
    func defaultMode() {
        #expect(simplify("std::vector<int, std::allocator<int> >::push_back(int const&)") == "std::vector::push_back")
        #expect(simplify("<pprof::backtrace::Trace as pprof::backtrace::Trace>::trace") == "::trace")
        #expect(simplify("go-loser.New[go.shape.uint64,go.shape.interface { At() uint64; Err() error }]")
                == "go-loser.New[go.shape.uint64,go.shape.interface { At uint64; Err error }]")
    }

    @Test("templates mode drops only (…); full and none keep the name")
    func otherModes() {
        let name = "std::vector<int>::push_back(int const&)"
        #expect(simplify(name, .templates) == "std::vector<int>::push_back")
        #expect(simplify(name, .full) == name)
        #expect(simplify(name, .none) == name)
    }

    @Test("Go, Java and plain names are not C++-like and stay as they are")
    func notCPlusPlus() {
        for name in ["main.(*Queue[...]).Pop", "java.lang.Object.<init>", "sync.(*Mutex).Lock", "main.main"] {
            #expect(simplify(name) == name)
        }
    }

    @Test("an unbalanced closing bracket stops the removal; an unclosed group is kept")
    func unbalanced() {
        #expect(simplify("unbalanced::f(a))(b)") == "unbalanced::f)(b)")
        #expect(simplify("foo::operator>(int)") == "foo::operator>")
        #expect(simplify("ns::f(int") == "ns::f(int")
    }

    @Test("only names equal to their system name change; other modes first restore the system name")
    func whichFunctions() {
        var b = ProfileBuilder(sampleTypes: [("samples", "count")])
        let same = b.function(name: b.intern("a::f<int>(int)"))
        let demangledAlready = b.function(name: b.intern("Foo::bar"), systemName: b.intern("Foo::bar(int) const"))
        let unnamed = b.function(name: 0, systemName: b.intern("ns::g<char>()"))
        let p = b.build()
        func names(_ mode: DemangleMode) -> [String] {
            let d = p.demangled(mode)
            return [same, demangledAlready, unnamed].map { d.string(d.functions[Int($0)].name) }
        }
        #expect(names(.default) == ["a::f", "Foo::bar", "ns::g"])
        #expect(names(.templates) == ["a::f<int>", "Foo::bar const", "ns::g<char>"])
        #expect(names(.full) == ["a::f<int>(int)", "Foo::bar(int) const", "ns::g<char>()"])
        #expect(p.demangled(.default).string(p.demangled(.default).functions[Int(same)].systemName) == "a::f<int>(int)")
    }
}
