package chart

// NiceCeil is niceCeil, for the tests.
var NiceCeil = niceCeil
