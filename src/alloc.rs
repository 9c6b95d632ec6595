//! The allocator the `claimcheck` binary runs with, here so that the
//! benchmark and evaluation commands measure what users run: a program
//! names it with `#[global_allocator]`.

/// mimalloc, asked for an alignment only when a block needs more than every
/// block of its size has (16 bytes): its aligned calls, which the `mimalloc`
/// crate makes for every block, take a slower path for blocks over 1 KB.
pub struct Mimalloc;

/// The alignment of every block mimalloc gives of at least this size.
const MIMALLOC_ALIGN: usize = 16;

fn plain(layout: std::alloc::Layout, size: usize) -> bool {
    layout.align() <= MIMALLOC_ALIGN && layout.align() <= size
}

// SAFETY: each call hands mimalloc the size and alignment of the layout the
// caller gives, and frees only what mimalloc gave.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        match plain(layout, layout.size()) {
            true => unsafe { mi_malloc(layout.size()) }.cast(),
            false => unsafe { mi_malloc_aligned(layout.size(), layout.align()) }.cast(),
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        match plain(layout, layout.size()) {
            true => unsafe { mi_zalloc(layout.size()) }.cast(),
            false => unsafe { mi_zalloc_aligned(layout.size(), layout.align()) }.cast(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        match plain(layout, new_size) {
            true => unsafe { mi_realloc(ptr.cast(), new_size) }.cast(),
            false => unsafe { mi_realloc_aligned(ptr.cast(), new_size, layout.align()) }.cast(),
        }
    }
}
