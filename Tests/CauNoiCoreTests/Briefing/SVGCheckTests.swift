import Testing

/// The checker itself must reject what it is meant to catch, or the SVG
/// tests prove nothing.
struct SVGCheckTests {
    @Test func acceptsWellFormed() {
        #expect(SVGCheck.problem(#"<svg a="1"><g><title>x &amp; y</title><rect x="1"/></g></svg>"#) == nil)
    }

    @Test(arguments: [
        "<svg><g></svg>",
        "<svg></g></svg>",
        "<svg><text>a < b</text></svg>",
        "<svg><text>a & b</text></svg>",
        #"<svg a="x<y"></svg>"#,
        "<svg><rect/>",
        "<svg></svg><svg></svg>",
        "<svg>a > b</svg>",
    ])
    func rejectsMalformed(svg: String) {
        #expect(SVGCheck.problem(svg) != nil)
    }
}
