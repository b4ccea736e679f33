import XCTest
import GraphDefReader

/// Parsing of node input strings.
final class TensorReferenceTests: XCTestCase {
    func testParsesPlainIndexedAndControlInputs() throws {
        XCTAssertEqual(try TensorReference(parsing: "a"), TensorReference(node: "a", outputIndex: 0, isControl: false))
        XCTAssertEqual(try TensorReference(parsing: "a:1"), TensorReference(node: "a", outputIndex: 1))
        XCTAssertEqual(try TensorReference(parsing: "scope/conv1/BiasAdd:12"),
                       TensorReference(node: "scope/conv1/BiasAdd", outputIndex: 12))
        XCTAssertEqual(try TensorReference(parsing: "^a"), TensorReference(node: "a", outputIndex: 0, isControl: true))
    }

    func testDescriptionIsCanonical() throws {
        XCTAssertEqual(try TensorReference(parsing: "a:0").description, "a")
        XCTAssertEqual(try TensorReference(parsing: "a:3").description, "a:3")
        XCTAssertEqual(try TensorReference(parsing: "^a").description, "^a")
    }

    func testRejectsMalformedReferences() {
        for text in ["a:x", "a:", ":1", "", "^", "^a:1", "a:1:2", "a:-1", "a:99999999999999999999999", "a: 1"] {
            XCTAssertThrowsError(try TensorReference(parsing: text), "'\(text)'") { error in
                XCTAssertEqual((error as? GraphDefError)?.kind, .invalidTensorReference, "'\(text)'")
            }
        }
    }
}
