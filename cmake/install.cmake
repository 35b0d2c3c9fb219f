# `cmake --install B --prefix P`: the qmol executable, its data, and the library as a CMake package
# that a program uses with find_package(qmol) and target_link_libraries(app PRIVATE qmol::qmol).
# Included from the top-level CMakeLists.txt once every module and the qmol targets exist.
include(CMakePackageConfigHelpers)

set(QMOL_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/qmol)
set(QMOL_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/qmol)

install(TARGETS qmol RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Found by qmol/core/data_path.h as <bin>/../share/qmol/{basis,ansatz}.
install(DIRECTORY basis/ DESTINATION ${QMOL_INSTALL_DATADIR}/basis)
install(DIRECTORY ansatz/ DESTINATION ${QMOL_INSTALL_DATADIR}/ansatz)

# Every module's static library and public headers (src/<module>/include/qmol/<module>/ into
# include/qmol/<module>/, where INSTALL_INTERFACE in qmol_module points), and the umbrella.
install(TARGETS ${qmol_modules} qmol_qmol EXPORT qmolTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
foreach(target ${qmol_modules})
  string(REGEX REPLACE "^qmol_" "" module ${target})
  install(DIRECTORY src/${module}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
          FILES_MATCHING PATTERN "*.h")
endforeach()
install(FILES ${CMAKE_BINARY_DIR}/generated/qmol/core/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/qmol/core)

install(EXPORT qmolTargets NAMESPACE qmol:: DESTINATION ${QMOL_INSTALL_CMAKEDIR})
configure_package_config_file(cmake/qmolConfig.cmake.in ${CMAKE_BINARY_DIR}/qmolConfig.cmake
                              INSTALL_DESTINATION ${QMOL_INSTALL_CMAKEDIR}
                              PATH_VARS QMOL_INSTALL_DATADIR)
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/qmolConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/qmolConfig.cmake ${CMAKE_BINARY_DIR}/qmolConfigVersion.cmake
        DESTINATION ${QMOL_INSTALL_CMAKEDIR})
