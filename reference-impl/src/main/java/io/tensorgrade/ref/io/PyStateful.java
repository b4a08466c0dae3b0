package io.tensorgrade.ref.io;

/** An object built by an allow-listed constructor that accepts the pickle BUILD opcode ({@code __setstate__}). */
interface PyStateful {
    void setState(Object state);
}
