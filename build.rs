fn main() {
    // The default rules are embedded: rebuild when any rule file changes.
    println!("cargo:rerun-if-changed=rules");
}
