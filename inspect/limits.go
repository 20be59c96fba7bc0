package inspect

// Limits on input size. Each one ends reading with an *InputError that names
// the input and the limit and carries a hint (exit 2 at the command line),
// so that no input, however large or endless, can exhaust memory.

// defaultMaxSize is the largest input Read accepts for the text forms (URL,
// raw HTTP request with its headers and body, curl command, Authorization
// header) when ReadOptions.MaxSize is zero: 64 MiB. The text forms are read
// whole before parsing, so this bounds their memory; an endless input stops
// after defaultMaxSize+1 bytes. HAR files are streamed and bounded by the HAR
// reader's own limits (see readHAR).
const defaultMaxSize int64 = 64 << 20

// maxJSONLLineSize is the longest line of JSON Lines input: 64 MiB. JSON
// Lines are streamed one line at a time, so memory stays within one line
// whatever the number of lines.
const maxJSONLLineSize = 64 << 20

// headSize is how much of the input Read peeks at to detect its format. A
// first line longer than this is still detected from its start (see detectFormat).
const headSize = 64 << 10
