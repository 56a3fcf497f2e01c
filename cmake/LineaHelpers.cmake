# linea_cc_library(NAME x SRCS ... DEPS ...): builds linea_x with alias linea::x.
# Include roots at src/, so modules include each other as "graph/lineage_graph.h".
function(linea_cc_library)
  cmake_parse_arguments(L "" "NAME" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(linea_${L_NAME} STATIC ${L_SRCS})
  add_library(linea::${L_NAME} ALIAS linea_${L_NAME})
  target_include_directories(linea_${L_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(linea_${L_NAME} PUBLIC ${L_DEPS} PRIVATE ${L_PRIVATE_DEPS})
endfunction()

# linea_cc_test(NAME x_test SRCS ... DEPS ... [WHOLE] [CONCURRENT]): a GoogleTest binary
# registered with CTest, one CTest test per case — or, with WHOLE, the binary as one CTest test
# (suites that start a database server once for all their cases). CONCURRENT: its cases run
# threads or a server; they carry the CTest label `concurrency` and the target
# `concurrency_tests` builds them (make test-sanitize runs them under ThreadSanitizer).
function(linea_cc_test)
  if(NOT LINEA_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "WHOLE;CONCURRENT" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${T_NAME} ${T_SRCS})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gmock_main)
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  # Tests find repo files (examples/, tests/sql/) through $LINEA_SOURCE_DIR or this default.
  target_compile_definitions(${T_NAME} PRIVATE LINEA_SOURCE_DIR_DEFAULT="${PROJECT_SOURCE_DIR}")
  set(properties ENVIRONMENT "LINEA_BIN=${CMAKE_BINARY_DIR}/linea")
  if(T_CONCURRENT)
    list(APPEND properties LABELS concurrency)
    set_property(GLOBAL APPEND PROPERTY LINEA_CONCURRENCY_TESTS ${T_NAME})
  endif()
  if(T_WHOLE)
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set_tests_properties(${T_NAME} PROPERTIES ${properties})
  else()
    gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES ${properties})
  endif()
endfunction()

# linea_testing_library(NAME x SRCS ... DEPS ...): the test helpers of module x, in
# src/x/testing/, as linea_x_testing (alias linea::x_testing) — a static library when it has
# sources, else header-only. Only with LINEA_BUILD_TESTS; helpers may use GoogleTest.
function(linea_testing_library)
  if(NOT LINEA_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(L "" "NAME" "SRCS;DEPS" ${ARGN})
  set(target linea_${L_NAME}_testing)
  if(L_SRCS)
    add_library(${target} STATIC ${L_SRCS})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC ${L_DEPS} GTest::gmock)
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} INTERFACE ${L_DEPS} GTest::gmock)
  endif()
  add_library(linea::${L_NAME}_testing ALIAS ${target})
endfunction()
