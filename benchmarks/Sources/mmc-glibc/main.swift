import HallWorkloads

ReplicaTool.main(allocator: "glibc")
