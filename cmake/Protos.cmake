# cx_protos: C++ (and gRPC) code for every .proto under protos/, one library.
set(CX_PROTO_ROOT ${CMAKE_SOURCE_DIR}/protos)
set(CX_PROTO_THIRD_PARTY ${CMAKE_SOURCE_DIR}/protos/third_party)
set(CX_PROTO_OUT ${CMAKE_BINARY_DIR}/gen)
file(MAKE_DIRECTORY ${CX_PROTO_OUT})

# name relative to its include root; grpc: ON for files with services we serve.
function(cx_add_proto root rel grpc)
  get_filename_component(dir ${rel} DIRECTORY)
  get_filename_component(stem ${rel} NAME_WE)
  set(outs ${CX_PROTO_OUT}/${dir}/${stem}.pb.cc ${CX_PROTO_OUT}/${dir}/${stem}.pb.h)
  set(args --cpp_out=${CX_PROTO_OUT})
  if(grpc)
    list(APPEND outs ${CX_PROTO_OUT}/${dir}/${stem}.grpc.pb.cc
                     ${CX_PROTO_OUT}/${dir}/${stem}.grpc.pb.h)
    list(APPEND args --grpc_out=${CX_PROTO_OUT}
                     --plugin=protoc-gen-grpc=${GRPC_CPP_PLUGIN})
  endif()
  add_custom_command(
    OUTPUT ${outs}
    COMMAND protobuf::protoc -I${CX_PROTO_THIRD_PARTY} -I${CX_PROTO_ROOT}
            ${args} ${root}/${rel}
    DEPENDS ${root}/${rel} protobuf::protoc
    COMMENT "protoc ${rel}")
  set(CX_PROTO_SRCS ${CX_PROTO_SRCS} ${outs} PARENT_SCOPE)
endfunction()

set(CX_PROTO_SRCS "")
cx_add_proto(${CX_PROTO_THIRD_PARTY} google/rpc/status.proto OFF)
cx_add_proto(${CX_PROTO_THIRD_PARTY} google/rpc/error_details.proto OFF)
cx_add_proto(${CX_PROTO_THIRD_PARTY} grpc/health/v1/health.proto OFF)
cx_add_proto(${CX_PROTO_THIRD_PARTY} google/type/date.proto OFF)
cx_add_proto(${CX_PROTO_THIRD_PARTY} google/type/dayofweek.proto OFF)
cx_add_proto(${CX_PROTO_THIRD_PARTY} google/type/timeofday.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/type/v1/channel.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/feedback/v1/survey.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/feedback/v1/text_analysis.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/feedback/v1/case.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/feedback/v1/events.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/feedback/v1/response.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/feedback/v1/feedback_service.proto ON)
cx_add_proto(${CX_PROTO_ROOT} cx/metrics/v1/metric.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/metrics/v1/observation.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/metrics/v1/revenue.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/metrics/v1/target.proto OFF)
cx_add_proto(${CX_PROTO_ROOT} cx/metrics/v1/metrics_service.proto ON)

add_library(cx_protos STATIC ${CX_PROTO_SRCS})
target_include_directories(cx_protos PUBLIC ${CX_PROTO_OUT})
target_link_libraries(cx_protos PUBLIC protobuf::libprotobuf gRPC::grpc++)
# Generated code is not ours to warn about.
target_compile_options(cx_protos PRIVATE -w)
