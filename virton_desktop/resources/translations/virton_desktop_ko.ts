<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Blue</source>
        <translation>파랑</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>초록</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>노랑</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>주황</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>빨강</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>보라</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>회색</translation>
    </message>
    <message>
        <source>Model of %1</source>
        <translation>%1 모델</translation>
    </message>
    <message>
        <source>Bridge of %1</source>
        <translation>%1 브리지</translation>
    </message>
    <message>
        <source>VLAN tag of %1</source>
        <translation>%1 VLAN 태그</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>none (user-mode NAT)</source>
        <translation>없음 (사용자 모드 NAT)</translation>
    </message>
    <message>
        <source>Firewall</source>
        <translation>방화벽</translation>
    </message>
    <message>
        <source>Firewall of %1</source>
        <translation>%1 방화벽</translation>
    </message>
    <message>
        <source>IPv4 of %1</source>
        <translation>%1 IPv4</translation>
    </message>
    <message>
        <source>none (dhcp or 192.0.2.10/24)</source>
        <translation>없음 (dhcp 또는 192.0.2.10/24)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 제거</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>Python bindings of Qt</source>
        <translation>Qt의 Python 바인딩</translation>
    </message>
    <message>
        <source>Windows, widgets and networking</source>
        <translation>창, 위젯, 네트워킹</translation>
    </message>
    <message>
        <source>Web view of the consoles</source>
        <translation>콘솔 웹 뷰</translation>
    </message>
    <message>
        <source>Console (VNC client)</source>
        <translation>콘솔 (VNC 클라이언트)</translation>
    </message>
    <message>
        <source>Compression for noVNC</source>
        <translation>noVNC용 압축</translation>
    </message>
    <message>
        <source>Terminal console (xterm.js)</source>
        <translation>터미널 콘솔 (xterm.js)</translation>
    </message>
    <message>
        <source>Demo cluster</source>
        <translation>데모 클러스터</translation>
    </message>
    <message>
        <source>HTTPS connections</source>
        <translation>HTTPS 연결</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>차트</translation>
    </message>
    <message>
        <source>Passwords in the system keychain</source>
        <translation>시스템 키체인의 비밀번호</translation>
    </message>
    <message>
        <source>Fast JSON decoding</source>
        <translation>빠른 JSON 해석</translation>
    </message>
    <message>
        <source>Interpreter (in the installers)</source>
        <translation>인터프리터 (설치 프로그램에 포함)</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>%1 정보</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>버전 %1</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>A desktop client for Proxmox VE clusters.</source>
        <translation>Proxmox VE 클러스터용 데스크톱 클라이언트입니다.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>정보</translation>
    </message>
    <message>
        <source>License notice</source>
        <translation>라이선스 고지</translation>
    </message>
    <message>
        <source>License</source>
        <translation>라이선스</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>구성 요소</translation>
    </message>
    <message>
        <source>GNU Affero General Public License text</source>
        <translation>GNU Affero 일반 공중 사용 허가서 전문</translation>
    </message>
    <message>
        <source>The license text is not installed. It is at https://www.gnu.org/licenses/agpl-3.0.html</source>
        <translation>라이선스 전문이 설치되어 있지 않습니다. https://www.gnu.org/licenses/agpl-3.0.html 에서 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>License text</source>
        <translation>라이선스 전문</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>Qt 정보</translation>
    </message>
    <message>
        <source>Copyright © the VirtOn Desktop developers.</source>
        <translation>Copyright © VirtOn Desktop 개발자.</translation>
    </message>
    <message>
        <source>%1 is free software: you can redistribute it and/or modify it under the terms of the GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version (SPDX: %2).</source>
        <translation>%1은(는) 자유 소프트웨어입니다. 자유 소프트웨어 재단이 공표한 GNU Affero 일반 공중 사용 허가서 버전 3 또는 (선택에 따라) 그 이후 버전의 조건에 따라 재배포하거나 수정할 수 있습니다 (SPDX: %2).</translation>
    </message>
    <message>
        <source>It is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the License text tab for details.</source>
        <translation>이 프로그램은 유용하게 쓰이기를 바라며 배포되지만, 상품성이나 특정 목적 적합성에 대한 묵시적 보증을 포함하여 어떠한 보증도 제공하지 않습니다. 자세한 내용은 &apos;라이선스 전문&apos; 탭을 참조하십시오.</translation>
    </message>
    <message>
        <source>Source code: you are entitled to the complete corresponding source code of this version (%1), under the same license, from whoever gave you this program; it includes the scripts that build the installers. If you change the program and let others use it, you must offer them your source code too.</source>
        <translation>소스 코드: 이 프로그램을 제공한 사람에게서 이 버전(%1)의 완전한 대응 소스 코드를 같은 라이선스로 받을 권리가 있습니다. 여기에는 설치 프로그램을 만드는 스크립트도 포함됩니다. 프로그램을 수정하여 다른 사람이 사용하게 하는 경우, 그들에게도 소스 코드를 제공해야 합니다.</translation>
    </message>
    <message>
        <source>It uses Qt %1 through Qt for Python under the GNU Lesser General Public License version 3: the Qt libraries are separate shared libraries in the installation and can be replaced by your own build. Qt WebEngine contains Chromium, whose parts are under BSD-3-Clause and other open-source licenses listed in Qt&apos;s documentation. The Components tab lists every component and its license.</source>
        <translation>이 프로그램은 GNU 약소 일반 공중 사용 허가서 버전 3에 따라 Qt for Python을 통해 Qt %1을(를) 사용합니다. Qt 라이브러리는 설치본 안에 별도의 공유 라이브러리로 들어 있으며 직접 빌드한 것으로 교체할 수 있습니다. Qt WebEngine에는 Chromium이 포함되어 있으며, 그 일부는 BSD-3-Clause 및 Qt 문서에 나열된 기타 오픈 소스 라이선스를 따릅니다. &apos;구성 요소&apos; 탭에 모든 구성 요소와 라이선스가 나와 있습니다.</translation>
    </message>
    <message>
        <source>Components and their licenses</source>
        <translation>구성 요소와 라이선스</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>구성 요소</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>용도</translation>
    </message>
    <message>
        <source>Main components</source>
        <translation>주요 구성 요소</translation>
    </message>
    <message>
        <source>Libraries they use (in the installers)</source>
        <translation>이들이 사용하는 라이브러리 (설치 프로그램에 포함)</translation>
    </message>
</context>
<context>
    <name>AgentActions</name>
    <message>
        <source>SSH to guests…</source>
        <translation>게스트에 SSH…</translation>
    </message>
    <message>
        <source>The guest has told no address (it needs a running guest agent).</source>
        <translation>게스트가 알려 준 주소가 없습니다 (실행 중인 게스트 에이전트가 필요합니다).</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>주소 복사</translation>
    </message>
    <message>
        <source>Copy other address</source>
        <translation>다른 주소 복사</translation>
    </message>
    <message>
        <source>Open SSH</source>
        <translation>SSH 열기</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 복사됨</translation>
    </message>
    <message>
        <source>Could not start %1</source>
        <translation>%1을(를) 시작할 수 없습니다</translation>
    </message>
    <message>
        <source>No program opens ssh:// links here; set a terminal command in View &gt; SSH to guests….</source>
        <translation>이 시스템에는 ssh:// 링크를 여는 프로그램이 없습니다. 보기 &gt; 게스트에 SSH…에서 터미널 명령을 지정하십시오.</translation>
    </message>
    <message>
        <source>Guest agent</source>
        <translation>게스트 에이전트</translation>
    </message>
    <message>
        <source>Addresses reported by the guest</source>
        <translation>게스트가 알려 준 주소</translation>
    </message>
    <message>
        <source>No addresses reported.</source>
        <translation>알려 준 주소가 없습니다.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>호스트 이름</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>운영체제</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>인터페이스</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC 주소</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Not asked: the login lacks %1 on %2</source>
        <translation>조회하지 않음: 로그인에 %2의 %1 권한이 없습니다</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>실행 중 아님</translation>
    </message>
    <message>
        <source>Asking…</source>
        <translation>조회 중…</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>응답 중</translation>
    </message>
    <message>
        <source>Not enabled in the VM&apos;s options</source>
        <translation>VM 옵션에서 활성화되지 않음</translation>
    </message>
    <message>
        <source>agent not running</source>
        <translation>에이전트 실행 안 됨</translation>
    </message>
    <message>
        <source>agent not answering</source>
        <translation>에이전트 응답 없음</translation>
    </message>
    <message>
        <source>Could not be asked: %1</source>
        <translation>조회할 수 없음: %1</translation>
    </message>
</context>
<context>
    <name>AuthChoice</name>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API 토큰</translation>
    </message>
</context>
<context>
    <name>BackupModel</name>
    <message>
        <source>File name</source>
        <translation>파일명</translation>
    </message>
    <message>
        <source>VMID</source>
        <translation>VM ID</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>스토리지</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>보호</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>공유</translation>
    </message>
    <message>
        <source>In progress (no percentage for containers)</source>
        <translation>진행 중 (컨테이너는 진행률 없음)</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작 중…</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 남음</translation>
    </message>
    <message>
        <source>Backup job %1</source>
        <translation>백업 작업 %1</translation>
    </message>
    <message>
        <source>(several guests)</source>
        <translation>(여러 인스턴스)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
</context>
<context>
    <name>BackupsView</name>
    <message>
        <source>Search backups</source>
        <translation>백업 검색</translation>
    </message>
    <message>
        <source>Search file name or VMID</source>
        <translation>파일명 또는 VM ID 검색</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>상태 필터</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Type filter</source>
        <translation>타입 필터</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>모든 유형</translation>
    </message>
    <message>
        <source>VM (QEMU)</source>
        <translation>VM (QEMU)</translation>
    </message>
    <message>
        <source>CT (LXC)</source>
        <translation>CT (LXC)</translation>
    </message>
    <message>
        <source>Backup counts</source>
        <translation>백업 개수</translation>
    </message>
    <message>
        <source>Create backup</source>
        <translation>백업 생성</translation>
    </message>
    <message>
        <source>Back up guests now</source>
        <translation>지금 인스턴스 백업</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>복원</translation>
    </message>
    <message>
        <source>Restore the selected backup</source>
        <translation>선택한 백업 복원</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Delete the selected backup</source>
        <translation>선택한 백업 삭제</translation>
    </message>
    <message>
        <source>Protect</source>
        <translation>보호</translation>
    </message>
    <message>
        <source>Protect the backup from deletion, or lift the protection</source>
        <translation>백업을 삭제로부터 보호하거나 보호를 해제합니다</translation>
    </message>
    <message>
        <source>Edit notes</source>
        <translation>메모 편집</translation>
    </message>
    <message>
        <source>Change the selected backup&apos;s notes</source>
        <translation>선택한 백업의 메모 변경</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>중단</translation>
    </message>
    <message>
        <source>Stop the selected running backup at once</source>
        <translation>진행 중인 선택한 백업을 즉시 중단</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>List the backups again</source>
        <translation>백업 목록 다시 불러오기</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>백업</translation>
    </message>
    <message>
        <source>Backup columns</source>
        <translation>백업 열</translation>
    </message>
    <message>
        <source>%1 backups</source>
        <translation>백업 %1개</translation>
    </message>
    <message>
        <source>%1 in progress</source>
        <translation>%1개 진행 중</translation>
    </message>
    <message>
        <source>Loading backups…</source>
        <translation>백업 불러오는 중…</translation>
    </message>
    <message>
        <source>No backups match the search or filters.</source>
        <translation>검색어나 필터에 맞는 백업이 없습니다.</translation>
    </message>
    <message>
        <source>No backups yet. Use “Create backup” to make one.</source>
        <translation>아직 백업이 없습니다. “백업 생성”으로 백업을 만드십시오.</translation>
    </message>
    <message>
        <source>Not a vzdump archive of a VM or a container: PVE cannot tell how to restore it.</source>
        <translation>VM이나 컨테이너의 vzdump 아카이브가 아닙니다: PVE는 이것을 어떻게 복원할지 알 수 없습니다.</translation>
    </message>
    <message>
        <source>Unprotect</source>
        <translation>보호 해제</translation>
    </message>
    <message>
        <source>This backup is protected: unprotect it first to delete it.</source>
        <translation>이 백업은 보호되어 있습니다. 삭제하려면 먼저 보호를 해제하십시오.</translation>
    </message>
    <message>
        <source>Cluster %1 is not connected.</source>
        <translation>클러스터 %1이(가) 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 실패: %2</translation>
    </message>
    <message>
        <source>%1 finished.</source>
        <translation>%1 완료.</translation>
    </message>
    <message>
        <source>Could not list the backups of %1: %2</source>
        <translation>%1의 백업 목록을 가져오지 못했습니다: %2</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Backup of %1 on %2</source>
        <translation>%1 백업 (%2)</translation>
    </message>
    <message>
        <source>%1 started.</source>
        <translation>%1 시작됨.</translation>
    </message>
    <message>
        <source>No backup was started: none of the guests %1 is on node %2 any more (moved to another node?). Open “Create backup” again to back them up where they are now.</source>
        <translation>백업이 시작되지 않았습니다: 게스트 %1 중 어느 것도 더 이상 노드 %2에 없습니다(다른 노드로 옮겨졌나요?). 지금 있는 곳에서 백업하려면 “백업 생성”을 다시 여세요.</translation>
    </message>
    <message>
        <source>Abort backup</source>
        <translation>백업 중단</translation>
    </message>
    <message>
        <source>Abort the running backup of %1? The archive being written is discarded.</source>
        <translation>진행 중인 %1의 백업을 중단하시겠습니까? 작성 중인 아카이브는 삭제됩니다.</translation>
    </message>
    <message>
        <source>Abort of %1</source>
        <translation>%1 중단</translation>
    </message>
    <message>
        <source>%1 is protected, so it cannot be deleted. Unprotect it first if you really want to remove it.</source>
        <translation>%1은(는) 보호되어 있어 삭제할 수 없습니다. 꼭 삭제하려면 먼저 보호를 해제하십시오.</translation>
    </message>
    <message>
        <source>Delete backup</source>
        <translation>백업 삭제</translation>
    </message>
    <message>
        <source>Delete %1 from %2 for good? It cannot be restored afterwards.</source>
        <translation>%2에서 %1을(를) 영구적으로 삭제하시겠습니까? 삭제 후에는 복원할 수 없습니다.</translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation>%1 삭제</translation>
    </message>
    <message>
        <source>Changing the protection of %1</source>
        <translation>%1 보호 설정 변경</translation>
    </message>
    <message>
        <source>Saving the notes of %1</source>
        <translation>%1 메모 저장</translation>
    </message>
    <message>
        <source>Restore of %1</source>
        <translation>%1 복원</translation>
    </message>
    <message>
        <source>Could not read the notes of %1: %2</source>
        <translation>%1의 메모를 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Notes of %1</source>
        <translation>%1 메모</translation>
    </message>
</context>
<context>
    <name>BulkMigrateDialog</name>
    <message>
        <source>Migrate all guests of node %1</source>
        <translation>노드 %1의 모든 인스턴스 마이그레이션</translation>
    </message>
    <message numerus="yes">
        <source>Migrate %n guest(s)</source>
        <translation>
            <numerusform>인스턴스 %n개 마이그레이션</numerusform>
        </translation>
    </message>
    <message>
        <source>Guests to migrate</source>
        <translation>마이그레이션할 인스턴스</translation>
    </message>
    <message>
        <source>Target node</source>
        <translation>대상 노드</translation>
    </message>
    <message>
        <source>Copy local disks of running VMs (live storage migration)</source>
        <translation>실행 중인 VM의 로컬 디스크 복사(라이브 스토리지 마이그레이션)</translation>
    </message>
    <message>
        <source>Parallel migrations</source>
        <translation>동시 마이그레이션 수</translation>
    </message>
    <message>
        <source>How many migrations run at the same time (Proxmox VE&apos;s max workers)</source>
        <translation>동시에 실행할 마이그레이션 수(Proxmox VE의 max workers)</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Source node:</source>
        <translation>원본 노드:</translation>
    </message>
    <message>
        <source>Target node:</source>
        <translation>대상 노드:</translation>
    </message>
    <message>
        <source>Parallel migrations:</source>
        <translation>동시 마이그레이션 수:</translation>
    </message>
    <message>
        <source>Migrate</source>
        <translation>마이그레이션</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인 중…</translation>
    </message>
    <message>
        <source>Will migrate</source>
        <translation>마이그레이션 예정</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>불가</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Migrating…</source>
        <translation>마이그레이션 중…</translation>
    </message>
    <message>
        <source>Migrated</source>
        <translation>마이그레이션 완료</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>%1 — offline</source>
        <translation>%1 — 오프라인</translation>
    </message>
    <message>
        <source>%1 will migrate, %2 blocked</source>
        <translation>%1개 마이그레이션 예정, %2개 불가</translation>
    </message>
    <message>
        <source>(%1 still being checked)</source>
        <translation>(%1개 확인 중)</translation>
    </message>
    <message>
        <source>%1 migrated, %2 failed, %3 running, %4 waiting</source>
        <translation>%1개 완료, %2개 실패, %3개 실행 중, %4개 대기 중</translation>
    </message>
    <message>
        <source>Migrate %1</source>
        <translation>%1개 마이그레이션</translation>
    </message>
    <message>
        <source>the HA manager moves it to %1</source>
        <translation>HA 관리자가 %1(으)로 옮깁니다</translation>
    </message>
</context>
<context>
    <name>BulkMigrationModel</name>
    <message>
        <source>Guest</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
</context>
<context>
    <name>BulkRun</name>
    <message>
        <source>Not possible in the state &quot;%1&quot;</source>
        <translation>&quot;%1&quot; 상태에서는 할 수 없음</translation>
    </message>
    <message>
        <source>The cluster %1 is not connected.</source>
        <translation>클러스터 %1이(가) 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>HA is carrying it out…</source>
        <translation>HA가 수행하는 중…</translation>
    </message>
    <message>
        <source>HA could not do it: the resource is in the error state.</source>
        <translation>HA가 수행하지 못했습니다: 리소스가 오류 상태입니다.</translation>
    </message>
    <message>
        <source>Requested; HA has not finished yet.</source>
        <translation>요청했습니다. HA가 아직 끝내지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>BulkRunDialog</name>
    <message numerus="yes">
        <source>%1: %n guest(s)</source>
        <translation>
            <numerusform>%1: 인스턴스 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>실패한 항목 다시 시도</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 done, %2 failed, %3 skipped, %4 to go</source>
        <translation>완료 %1, 실패 %2, 건너뜀 %3, 남음 %4</translation>
    </message>
</context>
<context>
    <name>BulkTagsDialog</name>
    <message>
        <source>Tags of %1 guests</source>
        <translation>인스턴스 %1개의 태그</translation>
    </message>
    <message>
        <source>Tags to add</source>
        <translation>추가할 태그</translation>
    </message>
    <message>
        <source>Tags to remove</source>
        <translation>제거할 태그</translation>
    </message>
    <message>
        <source>Add these tags:</source>
        <translation>추가할 태그:</translation>
    </message>
    <message>
        <source>Remove these tags:</source>
        <translation>제거할 태그:</translation>
    </message>
    <message>
        <source>%1 of %2 guests change.</source>
        <translation>인스턴스 %2개 중 %1개가 바뀝니다.</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Certificate changed</source>
        <translation>인증서 변경됨</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>알 수 없는 인증서</translation>
    </message>
    <message>
        <source>&lt;b&gt;The certificate of %1 is not the one you trusted before.&lt;/b&gt;&lt;br&gt;This happens when the certificate was renewed, but it is also what an attack on the connection looks like. Compare the new fingerprint with the one shown on the node (Datacenter &gt; node &gt; Certificates) before you go on.</source>
        <translation>&lt;b&gt;%1의 인증서가 이전에 신뢰한 인증서와 다릅니다.&lt;/b&gt;&lt;br&gt;인증서가 갱신된 경우에 이렇게 되지만, 연결에 대한 공격도 이렇게 보입니다. 계속하기 전에 새 지문을 노드에 표시된 지문(데이터센터 &gt; 노드 &gt; 인증서)과 비교하십시오.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 presents a certificate that no trusted authority has signed.&lt;/b&gt;&lt;br&gt;Proxmox VE nodes use such self-signed certificates by default. Compare the fingerprint below with the one shown on the node (Datacenter &gt; node &gt; Certificates); trust it only if they match.</source>
        <translation>&lt;b&gt;%1이(가) 신뢰할 수 있는 기관이 서명하지 않은 인증서를 제시합니다.&lt;/b&gt;&lt;br&gt;Proxmox VE 노드는 기본적으로 이런 자체 서명 인증서를 사용합니다. 아래 지문을 노드에 표시된 지문(데이터센터 &gt; 노드 &gt; 인증서)과 비교하고, 일치할 때만 신뢰하십시오.</translation>
    </message>
    <message>
        <source>Trusted fingerprint</source>
        <translation>신뢰한 지문</translation>
    </message>
    <message>
        <source>Trusted before (SHA-256):</source>
        <translation>이전에 신뢰한 지문 (SHA-256):</translation>
    </message>
    <message>
        <source>Presented fingerprint</source>
        <translation>제시된 지문</translation>
    </message>
    <message>
        <source>Presented now (SHA-256):</source>
        <translation>지금 제시된 지문 (SHA-256):</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>지문 (SHA-256):</translation>
    </message>
    <message>
        <source>I have compared the new fingerprint with the node&apos;s</source>
        <translation>새 지문을 노드의 지문과 비교했습니다</translation>
    </message>
    <message>
        <source>Trust the new certificate</source>
        <translation>새 인증서 신뢰</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>이 인증서 신뢰</translation>
    </message>
    <message>
        <source>Possible interception: %1, asked over the trusted connection, says node %2 still has the certificate you trusted before. The one presented here is not the node&apos;s: do not trust it unless you know why.</source>
        <translation>가로채기 가능성: 신뢰된 연결로 확인한 %1에 따르면 노드 %2은(는) 여전히 이전에 신뢰한 인증서를 가지고 있습니다. 여기에 제시된 인증서는 그 노드의 것이 아닙니다. 이유를 알지 못하면 신뢰하지 마십시오.</translation>
    </message>
    <message>
        <source>Possible interception: %1, asked over the trusted connection, says node %2 has the certificate %3, not the one presented here. Do not trust the presented certificate unless you know why they differ.</source>
        <translation>가로채기 가능성: 신뢰된 연결로 확인한 %1에 따르면 노드 %2의 인증서는 여기에 제시된 것이 아니라 %3입니다. 두 인증서가 다른 이유를 알지 못하면 제시된 인증서를 신뢰하지 마십시오.</translation>
    </message>
    <message>
        <source>The cluster has no other node that could confirm the new certificate: check it by hand.</source>
        <translation>클러스터에 새 인증서를 확인해 줄 다른 노드가 없습니다. 직접 확인하십시오.</translation>
    </message>
    <message>
        <source>This connection knows no other address of the cluster that could confirm the new certificate: check it by hand.</source>
        <translation>이 연결에는 새 인증서를 확인해 줄 클러스터의 다른 주소가 없습니다. 직접 확인하십시오.</translation>
    </message>
    <message>
        <source>The cluster (asked through %1) has no node at %2, so it could not confirm the new certificate: check it by hand.</source>
        <translation>클러스터(%1을(를) 통해 확인)에 %2 주소의 노드가 없어 새 인증서를 확인할 수 없었습니다. 직접 확인하십시오.</translation>
    </message>
    <message>
        <source>The cluster did not report the certificate of node %1: check it by hand.</source>
        <translation>클러스터가 노드 %1의 인증서를 알려 주지 않았습니다. 직접 확인하십시오.</translation>
    </message>
    <message>
        <source>No other node of the cluster could be reached over a trusted connection to confirm the new certificate (%1): check it by hand.</source>
        <translation>새 인증서를 확인하기 위해 신뢰된 연결로 클러스터의 다른 노드에 연결할 수 없었습니다 (%1). 직접 확인하십시오.</translation>
    </message>
</context>
<context>
    <name>ClipboardTyping</name>
    <message>
        <source>The text is in the guest&apos;s clipboard (VNC clipboard): paste it there.</source>
        <translation>텍스트를 인스턴스의 클립보드(VNC 클립보드)에 넣었습니다. 인스턴스에서 붙여넣으십시오.</translation>
    </message>
    <message>
        <source>Nothing was typed: the %1 layout has no keys for %2. Choose another layout under Keyboard, or type those by hand.</source>
        <translation>아무것도 입력하지 않았습니다. %1 레이아웃에는 %2 키가 없습니다. 키보드 메뉴에서 다른 레이아웃을 선택하거나 해당 문자를 직접 입력하십시오.</translation>
    </message>
    <message>
        <source>English (US)</source>
        <translation>영어(미국)</translation>
    </message>
    <message>
        <source>English (UK)</source>
        <translation>영어(영국)</translation>
    </message>
    <message>
        <source>German</source>
        <translation>독일어</translation>
    </message>
    <message>
        <source>German (Switzerland)</source>
        <translation>독일어(스위스)</translation>
    </message>
    <message>
        <source>French (AZERTY)</source>
        <translation>프랑스어(AZERTY)</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>스페인어</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>이탈리아어</translation>
    </message>
    <message>
        <source>Czech (QWERTZ)</source>
        <translation>체코어(QWERTZ)</translation>
    </message>
    <message>
        <source>Keyboard layout</source>
        <translation>키보드 레이아웃</translation>
    </message>
    <message>
        <source>As the VM&apos;s keyboard option</source>
        <translation>VM의 키보드 옵션대로</translation>
    </message>
    <message>
        <source>The VM&apos;s keyboard layout could not be read: %1</source>
        <translation>VM의 키보드 레이아웃을 읽을 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>CloneDialog</name>
    <message>
        <source>Clone guest</source>
        <translation>인스턴스 복제</translation>
    </message>
    <message>
        <source>template</source>
        <translation>템플릿</translation>
    </message>
    <message>
        <source>guest</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Clone %1 %2</source>
        <translation>%1 %2 복제</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>원본</translation>
    </message>
    <message>
        <source>%1 %2 on node %3</source>
        <translation>노드 %3의 %1 %2</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>Virtual machine</source>
        <translation>가상 머신</translation>
    </message>
    <message>
        <source>Target node</source>
        <translation>대상 노드</translation>
    </message>
    <message>
        <source>New VM ID</source>
        <translation>새 VM ID</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>호스트명</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Full clone</source>
        <translation>전체 복제</translation>
    </message>
    <message>
        <source>Linked clone</source>
        <translation>연결 복제</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <source>Current state</source>
        <translation>현재 상태</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>스냅샷</translation>
    </message>
    <message>
        <source>Same as source</source>
        <translation>원본과 동일</translation>
    </message>
    <message>
        <source>Target storage</source>
        <translation>대상 스토리지</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Clone progress</source>
        <translation>복제 진행률</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Clone</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Resource pool</source>
        <translation>리소스 풀</translation>
    </message>
    <message>
        <source>Could not load from the server: %1</source>
        <translation>서버에서 불러오지 못했습니다: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Another node only when all the guest&apos;s volumes are on shared storage.</source>
        <translation>인스턴스의 모든 볼륨이 공유 스토리지에 있을 때만 다른 노드를 선택할 수 있습니다.</translation>
    </message>
    <message>
        <source>Optional. Letters A-Z, digits and hyphens (-).</source>
        <translation>선택 사항. 영문자 A-Z, 숫자, 하이픈(-)만 사용할 수 있습니다.</translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>No node is online.</source>
        <translation>온라인 노드가 없습니다.</translation>
    </message>
    <message>
        <source>%1 is on %2, which is not shared: a clone can go to another node only when all volumes (CD images too) are on shared storage.</source>
        <translation>%1은(는) 공유되지 않는 %2에 있습니다. 모든 볼륨(CD 이미지 포함)이 공유 스토리지에 있을 때만 다른 노드로 복제할 수 있습니다.</translation>
    </message>
    <message>
        <source>Asking the server for the next free ID…</source>
        <translation>서버에 다음 사용 가능한 ID를 묻는 중…</translation>
    </message>
    <message>
        <source>Checking that the ID is free…</source>
        <translation>ID 사용 가능 여부 확인 중…</translation>
    </message>
    <message>
        <source>Could not check the ID: %1</source>
        <translation>ID를 확인하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Unique in the cluster. Prefilled with the next free ID.</source>
        <translation>클러스터에서 고유해야 합니다. 다음 사용 가능한 ID로 미리 채워집니다.</translation>
    </message>
    <message>
        <source>Linked clones are made only from templates: a guest is always copied in full.</source>
        <translation>연결 복제는 템플릿에서만 만들 수 있습니다. 일반 인스턴스는 항상 전체 복제됩니다.</translation>
    </message>
    <message>
        <source>Asking the server whether the template&apos;s disks can make linked clones…</source>
        <translation>템플릿의 디스크로 연결 복제를 만들 수 있는지 서버에 묻는 중…</translation>
    </message>
    <message>
        <source>No linked clone: %1 is on %2 (%3), which cannot make linked clones. Proxmox VE makes them on LVM-thin, ZFS, Ceph RBD and file storages (directory, NFS, CIFS).</source>
        <translation>연결 복제 불가: %1은(는) 연결 복제를 만들 수 없는 %2 (%3)에 있습니다. Proxmox VE는 LVM-thin, ZFS, Ceph RBD, 파일 스토리지(디렉터리, NFS, CIFS)에서만 연결 복제를 만듭니다.</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>알 수 없는 유형</translation>
    </message>
    <message>
        <source>No linked clone: Proxmox VE says the template&apos;s disks cannot make one.</source>
        <translation>연결 복제 불가: Proxmox VE가 이 템플릿의 디스크로는 연결 복제를 만들 수 없다고 응답했습니다.</translation>
    </message>
    <message>
        <source>A full clone copies every disk: independent of the template, but slower and as big.</source>
        <translation>전체 복제는 모든 디스크를 복사합니다. 템플릿과 독립적이지만 더 느리고 같은 용량을 차지합니다.</translation>
    </message>
    <message>
        <source>A linked clone shares the template&apos;s base disks and stores only its changes: made at once, but the template cannot be removed while it exists.</source>
        <translation>연결 복제는 템플릿의 기본 디스크를 공유하고 변경분만 저장합니다. 즉시 만들어지지만, 연결 복제가 있는 동안에는 템플릿을 삭제할 수 없습니다.</translation>
    </message>
    <message>
        <source>A linked clone stays on the template&apos;s storage.</source>
        <translation>연결 복제는 템플릿의 스토리지에 만들어집니다.</translation>
    </message>
    <message>
        <source>Only shared storages are listed for another node.</source>
        <translation>다른 노드로 복제할 때는 공유 스토리지만 표시됩니다.</translation>
    </message>
    <message>
        <source>Where the copied disks go; &quot;Same as source&quot; keeps each disk&apos;s storage.</source>
        <translation>복사한 디스크를 둘 곳입니다. &quot;원본과 동일&quot;은 각 디스크의 스토리지를 그대로 사용합니다.</translation>
    </message>
    <message>
        <source>Choose a target storage to choose the format.</source>
        <translation>형식을 선택하려면 대상 스토리지를 선택하십시오.</translation>
    </message>
    <message>
        <source>%1 storages hold raw images only.</source>
        <translation>%1 스토리지는 raw 이미지만 저장합니다.</translation>
    </message>
    <message>
        <source>qcow2 allows snapshots on file storages; raw is fastest.</source>
        <translation>qcow2는 파일 스토리지에서 스냅샷을 지원하고, raw가 가장 빠릅니다.</translation>
    </message>
    <message>
        <source>Sending the clone request…</source>
        <translation>복제 요청을 보내는 중…</translation>
    </message>
    <message>
        <source>Cloning… The task is listed in the task panel.</source>
        <translation>복제 중… 작업 내역에서도 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>The server refused some values: see the fields.</source>
        <translation>서버가 일부 값을 거부했습니다. 각 항목을 확인하십시오.</translation>
    </message>
    <message>
        <source>Clone failed: %1</source>
        <translation>복제 실패: %1</translation>
    </message>
    <message>
        <source>Cloning %1…</source>
        <translation>%1 복제 중…</translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%2 중 %1 (%3%)</translation>
    </message>
</context>
<context>
    <name>CloudInitView</name>
    <message>
        <source>Cloud-init sets up the guest at boot from a small drive Proxmox VE writes. Changes here reach that drive when the VM starts, or now with Regenerate image; the guest applies them at its next boot.</source>
        <translation>Cloud-init은 Proxmox VE가 기록하는 작은 드라이브에서 부팅 시 게스트를 설정합니다. 여기서 바꾼 내용은 VM이 시작될 때, 또는 지금 이미지 다시 생성을 누르면 그 드라이브에 기록되며, 게스트는 다음 부팅 때 적용합니다.</translation>
    </message>
    <message>
        <source>Cloud-init status</source>
        <translation>Cloud-init 상태</translation>
    </message>
    <message>
        <source>No cloud-init drive</source>
        <translation>Cloud-init 드라이브 없음</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>스토리지</translation>
    </message>
    <message>
        <source>Add cloud-init drive</source>
        <translation>Cloud-init 드라이브 추가</translation>
    </message>
    <message>
        <source>This VM has no cloud-init drive: the settings below reach the guest only through one. Add it (it takes an IDE slot) to edit them.</source>
        <translation>이 VM에는 Cloud-init 드라이브가 없습니다. 아래 설정은 드라이브를 통해서만 게스트에 전달됩니다. 편집하려면 드라이브를 추가하십시오(IDE 슬롯 하나를 사용합니다).</translation>
    </message>
    <message>
        <source>Cloud-init settings</source>
        <translation>Cloud-init 설정</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>the image&apos;s default user</source>
        <translation>이미지의 기본 사용자</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>새 비밀번호</translation>
    </message>
    <message>
        <source>Remove the password</source>
        <translation>비밀번호 제거</translation>
    </message>
    <message>
        <source>Password state</source>
        <translation>비밀번호 상태</translation>
    </message>
    <message>
        <source>SSH public keys</source>
        <translation>SSH 공개 키</translation>
    </message>
    <message>
        <source>One OpenSSH public key a line, e.g. ssh-ed25519 AAAA… user@host</source>
        <translation>한 줄에 OpenSSH 공개 키 하나 (예: ssh-ed25519 AAAA… user@host)</translation>
    </message>
    <message>
        <source>DNS domain</source>
        <translation>DNS 도메인</translation>
    </message>
    <message>
        <source>use host settings</source>
        <translation>호스트 설정 사용</translation>
    </message>
    <message>
        <source>DNS servers</source>
        <translation>DNS 서버</translation>
    </message>
    <message>
        <source>Upgrade packages on first boot</source>
        <translation>첫 부팅 시 패키지 업그레이드</translation>
    </message>
    <message>
        <source>Format and custom files</source>
        <translation>형식과 사용자 지정 파일</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Show the values as loaded again</source>
        <translation>불러온 값을 다시 표시</translation>
    </message>
    <message>
        <source>Regenerate image</source>
        <translation>이미지 다시 생성</translation>
    </message>
    <message>
        <source>Pending cloud-init changes (not in the image yet)</source>
        <translation>대기 중인 Cloud-init 변경 사항 (아직 이미지에 없음)</translation>
    </message>
    <message>
        <source>The image has every setting shown.</source>
        <translation>이미지에 표시된 설정이 모두 들어 있습니다.</translation>
    </message>
    <message>
        <source>The configuration could not be read: %1</source>
        <translation>설정을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The storages could not be listed: %1</source>
        <translation>스토리지 목록을 가져올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>A password is set (Proxmox VE never shows it).</source>
        <translation>비밀번호가 설정되어 있습니다 (Proxmox VE는 비밀번호를 표시하지 않습니다).</translation>
    </message>
    <message>
        <source>No password is set.</source>
        <translation>설정된 비밀번호가 없습니다.</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>변경 안 함</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(제거됨)</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>설정 항목</translation>
    </message>
    <message>
        <source>In the image</source>
        <translation>이미지의 값</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>다음 이미지</translation>
    </message>
    <message>
        <source>Upgrade packages</source>
        <translation>패키지 업그레이드</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Custom files</source>
        <translation>사용자 지정 파일</translation>
    </message>
    <message>
        <source>IP config (%1)</source>
        <translation>IP 설정 (%1)</translation>
    </message>
    <message>
        <source>The guest is locked (%1).</source>
        <translation>인스턴스가 잠겨 있습니다 (%1).</translation>
    </message>
    <message>
        <source>Write the changed settings</source>
        <translation>변경한 설정을 기록</translation>
    </message>
    <message>
        <source>Write the cloud-init drive again from these settings (the guest reads it at its next boot)</source>
        <translation>이 설정으로 Cloud-init 드라이브를 다시 기록 (게스트는 다음 부팅 때 읽습니다)</translation>
    </message>
    <message>
        <source>Add a cloud-init drive on this storage</source>
        <translation>이 스토리지에 Cloud-init 드라이브 추가</translation>
    </message>
    <message>
        <source>A value holds characters that cannot be sent safely.</source>
        <translation>안전하게 보낼 수 없는 문자가 포함된 값이 있습니다.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>변경된 내용이 없습니다.</translation>
    </message>
    <message>
        <source>Saved. The running VM still has the old image: regenerate it to apply the changes at the guest&apos;s next boot.</source>
        <translation>저장했습니다. 실행 중인 VM은 아직 이전 이미지를 사용합니다. 게스트의 다음 부팅 때 변경 사항을 적용하려면 이미지를 다시 생성하십시오.</translation>
    </message>
    <message>
        <source>Saved. The image is written again when the VM starts.</source>
        <translation>저장했습니다. VM이 시작될 때 이미지가 다시 기록됩니다.</translation>
    </message>
    <message>
        <source>The cloud-init image was regenerated; the guest applies it at its next boot.</source>
        <translation>Cloud-init 이미지를 다시 생성했습니다. 게스트는 다음 부팅 때 적용합니다.</translation>
    </message>
    <message>
        <source>Every IDE slot is taken; free one in the settings first.</source>
        <translation>IDE 슬롯이 모두 사용 중입니다. 먼저 설정에서 하나를 비우십시오.</translation>
    </message>
    <message>
        <source>The cloud-init drive was added.</source>
        <translation>Cloud-init 드라이브를 추가했습니다.</translation>
    </message>
</context>
<context>
    <name>ConfigDiffDialog</name>
    <message>
        <source>Compare configuration…</source>
        <translation>설정 비교…</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>비교…</translation>
    </message>
    <message>
        <source>Compare this guest&apos;s configuration with a snapshot, its pending changes or another guest</source>
        <translation>이 인스턴스의 설정을 스냅샷, 보류 중인 변경 사항 또는 다른 인스턴스와 비교</translation>
    </message>
    <message>
        <source>Compare configuration of %1</source>
        <translation>%1 설정 비교</translation>
    </message>
    <message>
        <source>One of its snapshots</source>
        <translation>이 인스턴스의 스냅샷</translation>
    </message>
    <message>
        <source>Its pending changes</source>
        <translation>보류 중인 변경 사항</translation>
    </message>
    <message>
        <source>Another guest</source>
        <translation>다른 인스턴스</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>비교 대상</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>비교 대상:</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>스냅샷</translation>
    </message>
    <message>
        <source>Snapshot:</source>
        <translation>스냅샷:</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>클러스터:</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Guest:</source>
        <translation>인스턴스:</translation>
    </message>
    <message>
        <source>Only differences</source>
        <translation>차이만 표시</translation>
    </message>
    <message>
        <source>Hide identity keys (name, MACs, vmgenid, volume names…)</source>
        <translation>식별 키 숨기기(이름, MAC, vmgenid, 볼륨 이름…)</translation>
    </message>
    <message>
        <source>Configuration differences</source>
        <translation>설정 차이</translation>
    </message>
    <message>
        <source>The cluster %1 is not connected.</source>
        <translation>클러스터 %1에 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>%1 now</source>
        <translation>현재 %1</translation>
    </message>
    <message>
        <source>after the next start</source>
        <translation>다음 시작 후</translation>
    </message>
    <message>
        <source>This guest has no snapshots.</source>
        <translation>이 인스턴스에는 스냅샷이 없습니다.</translation>
    </message>
    <message>
        <source>snapshot %1</source>
        <translation>스냅샷 %1</translation>
    </message>
    <message>
        <source>No other guest in this cluster.</source>
        <translation>이 클러스터에 다른 인스턴스가 없습니다.</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>차이가 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) differ.</source>
        <translation>
            <numerusform>키 %n개가 다릅니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfigDiffModel</name>
    <message>
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>왼쪽</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>오른쪽</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>변경 내용</translation>
    </message>
    <message>
        <source>only on the right</source>
        <translation>오른쪽에만 있음</translation>
    </message>
    <message>
        <source>only on the left</source>
        <translation>왼쪽에만 있음</translation>
    </message>
    <message>
        <source>%1 (identity)</source>
        <translation>%1 (식별)</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>식별</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>변경됨</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a Proxmox VE cluster</source>
        <translation>Proxmox VE 클러스터에 연결</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>표시 이름</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>Realm</source>
        <translation>영역</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Token ID</source>
        <translation>토큰 ID</translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation>토큰 시크릿</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>인증서 지문</translation>
    </message>
    <message>
        <source>SHA-256, only for self-signed certificates</source>
        <translation>SHA-256, 자체 서명 인증서인 경우에만</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>이 인증서 신뢰</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Log in with</source>
        <translation>로그인 방식</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>지문</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, e.g. pve1.example.com or 192.0.2.10:8006.</source>
        <translation>서버 주소를 입력하십시오. 예: pve1.example.com 또는 192.0.2.10:8006</translation>
    </message>
    <message>
        <source>A SHA-256 fingerprint has 64 hexadecimal digits, e.g. AB:CD:…</source>
        <translation>SHA-256 지문은 16진수 64자리입니다. 예: AB:CD:…</translation>
    </message>
    <message>
        <source>Enter the password or the token secret.</source>
        <translation>비밀번호 또는 토큰 시크릿을 입력하십시오.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1에 연결 중…</translation>
    </message>
</context>
<context>
    <name>Connections</name>
    <message>
        <source>No system keyring is available here: passwords and token secrets are kept in memory until you quit, never written to a file.</source>
        <translation>사용할 수 있는 시스템 키링이 없습니다. 비밀번호와 토큰 시크릿은 종료할 때까지 메모리에만 보관되며 파일에는 절대 기록되지 않습니다.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>no password or token secret kept</source>
        <translation>보관된 비밀번호나 토큰 시크릿이 없음</translation>
    </message>
    <message>
        <source>The system keyring failed (%1): passwords and token secrets are kept in memory until you quit, never written to a file.</source>
        <translation>시스템 키링이 실패했습니다 (%1). 비밀번호와 토큰 시크릿은 종료할 때까지 메모리에만 보관되며 파일에 기록되지 않습니다.</translation>
    </message>
    <message>
        <source>The only keyring here (%1) would store secrets in a plain file, so it is not used: passwords and token secrets are kept in memory until you quit.</source>
        <translation>이 시스템의 유일한 키링(%1)은 비밀 정보를 일반 파일에 저장하므로 사용하지 않습니다. 비밀번호와 토큰 시크릿은 종료할 때까지 메모리에만 보관됩니다.</translation>
    </message>
    <message>
        <source>token secret</source>
        <translation>토큰 시크릿</translation>
    </message>
    <message>
        <source>password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Log in to %1</source>
        <translation>%1에 로그인</translation>
    </message>
    <message>
        <source>The %1 of %2 on %3:</source>
        <translation>%3의 %2 %1:</translation>
    </message>
</context>
<context>
    <name>ConsoleManager</name>
    <message>
        <source>Consoles</source>
        <translation>콘솔</translation>
    </message>
    <message>
        <source>Open consoles</source>
        <translation>열린 콘솔</translation>
    </message>
</context>
<context>
    <name>ConsoleMenu</name>
    <message>
        <source>Terminal (xterm.js)</source>
        <translation>터미널 (xterm.js)</translation>
    </message>
    <message>
        <source>Graphical console (noVNC)</source>
        <translation>그래픽 콘솔 (noVNC)</translation>
    </message>
    <message>
        <source>Open as %1</source>
        <translation>%1(으)로 열기</translation>
    </message>
    <message>
        <source>Shell on node %1</source>
        <translation>노드 %1의 셸</translation>
    </message>
</context>
<context>
    <name>ConsolePane</name>
    <message>
        <source>Console</source>
        <translation>콘솔</translation>
    </message>
    <message>
        <source>Console toolbar</source>
        <translation>콘솔 도구 모음</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>연결 해제</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>재시작</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>전체화면</translation>
    </message>
    <message>
        <source>Scale to window</source>
        <translation>창 크기에 맞춤</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>Send keys</source>
        <translation>키 전송</translation>
    </message>
    <message>
        <source>Type clipboard</source>
        <translation>클립보드 입력</translation>
    </message>
    <message>
        <source>Type the clipboard&apos;s text into the guest, key by key</source>
        <translation>클립보드의 텍스트를 인스턴스에 한 글자씩 입력합니다</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>키보드</translation>
    </message>
    <message>
        <source>SPICE</source>
        <translation>SPICE</translation>
    </message>
    <message>
        <source>Open this VM&apos;s SPICE display in remote-viewer</source>
        <translation>이 VM의 SPICE 디스플레이를 remote-viewer로 엽니다</translation>
    </message>
    <message>
        <source>Screenshot…</source>
        <translation>스크린샷…</translation>
    </message>
    <message>
        <source>Show as tab</source>
        <translation>탭으로 보기</translation>
    </message>
    <message>
        <source>Print Screen</source>
        <translation>Print Screen 키</translation>
    </message>
    <message>
        <source>Windows key</source>
        <translation>Windows 키</translation>
    </message>
    <message>
        <source>%1 (%2) – Console</source>
        <translation>%1 (%2) – 콘솔</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>Guest not running</source>
        <translation>인스턴스가 실행 중이 아님</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s</source>
        <translation>%1초 후 다시 연결</translation>
    </message>
    <message>
        <source>Node: %1</source>
        <translation>노드: %1</translation>
    </message>
    <message>
        <source>VMID: %1</source>
        <translation>VM ID: %1</translation>
    </message>
    <message>
        <source>Open in window</source>
        <translation>새 창으로 열기</translation>
    </message>
    <message>
        <source>Reboot guest</source>
        <translation>인스턴스 재시작</translation>
    </message>
    <message>
        <source>Reboot %1 (%2)? Programs running in the guest are ended.</source>
        <translation>%1 (%2)을(를) 재시작하시겠습니까? 인스턴스에서 실행 중인 프로그램이 종료됩니다.</translation>
    </message>
    <message>
        <source>Starting the guest…</source>
        <translation>인스턴스 시작 중…</translation>
    </message>
    <message>
        <source>The clipboard has no text to type.</source>
        <translation>클립보드에 입력할 텍스트가 없습니다.</translation>
    </message>
    <message>
        <source>Save screenshot</source>
        <translation>스크린샷 저장</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Screenshot saved to %1</source>
        <translation>스크린샷을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>The screenshot could not be saved to %1</source>
        <translation>스크린샷을 %1에 저장하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>ConsoleView</name>
    <message>
        <source>Guest screen</source>
        <translation>인스턴스 화면</translation>
    </message>
    <message>
        <source>Start guest</source>
        <translation>인스턴스 시작</translation>
    </message>
    <message>
        <source>Start the guest</source>
        <translation>인스턴스 시작</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>지금 다시 연결</translation>
    </message>
    <message>
        <source>Reconnect the console now</source>
        <translation>지금 콘솔 다시 연결</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>연결되지 않음.</translation>
    </message>
    <message>
        <source>Consoles need a password login: the console connection authenticates with the session ticket, which an API token login does not have. Connect to the cluster with a user and password to use consoles.</source>
        <translation>콘솔을 사용하려면 비밀번호로 로그인해야 합니다. 콘솔 연결은 세션 티켓으로 인증하는데, API 토큰 로그인에는 세션 티켓이 없습니다. 콘솔을 사용하려면 사용자와 비밀번호로 클러스터에 연결하십시오.</translation>
    </message>
    <message>
        <source>Connecting to the console of %1…</source>
        <translation>%1의 콘솔에 연결 중…</translation>
    </message>
    <message>
        <source>Disconnected. Use Connect to open the console again.</source>
        <translation>연결이 끊겼습니다. 콘솔을 다시 열려면 &apos;연결&apos;을 누르십시오.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>The node %1 of %2 is offline or unreachable. The console connects by itself when the node is back.</source>
        <translation>%2의 노드 %1이(가) 오프라인이거나 연결할 수 없습니다. 노드가 돌아오면 콘솔이 자동으로 연결됩니다.</translation>
    </message>
    <message>
        <source>%2 is not running, so it has no screen to show. Start it, and the console connects by itself.</source>
        <translation>%2이(가) 실행 중이 아니어서 표시할 화면이 없습니다. 시작하면 콘솔이 자동으로 연결됩니다.</translation>
    </message>
    <message>
        <source>%1
Reconnecting in %2 s…</source>
        <translation>%1
%2초 후 다시 연결…</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>연결됨.</translation>
    </message>
    <message>
        <source>The console ticket was refused (%1).</source>
        <translation>콘솔 티켓이 거부되었습니다 (%1).</translation>
    </message>
    <message>
        <source>Check that your user has the VM.Console privilege on this guest.</source>
        <translation>사용자에게 이 인스턴스에 대한 VM.Console 권한이 있는지 확인하십시오.</translation>
    </message>
    <message>
        <source>The console connection was lost.</source>
        <translation>콘솔 연결이 끊어졌습니다.</translation>
    </message>
    <message>
        <source>The console page tried to open another page and was stopped; it gets no further console tickets. Close this console and open it again.</source>
        <translation>콘솔 페이지가 다른 페이지를 열려고 하여 중지되었습니다. 이 페이지에는 더 이상 콘솔 티켓이 전달되지 않습니다. 이 콘솔을 닫고 다시 여십시오.</translation>
    </message>
</context>
<context>
    <name>ConsoleWall</name>
    <message>
        <source>Console wall</source>
        <translation>콘솔 월</translation>
    </message>
    <message>
        <source>%1 guests are selected; the wall shows the first %2.</source>
        <translation>인스턴스 %1개가 선택되었습니다. 콘솔 월에는 처음 %2개만 표시됩니다.</translation>
    </message>
    <message>
        <source>View only. Click a guest to open its console.</source>
        <translation>보기 전용입니다. 인스턴스를 클릭하면 해당 콘솔이 열립니다.</translation>
    </message>
    <message>
        <source>Guest screens</source>
        <translation>인스턴스 화면</translation>
    </message>
    <message>
        <source>Paused while the wall is not shown.</source>
        <translation>콘솔 월이 표시되지 않는 동안 일시 정지됨.</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>다시 연결 중…</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>실행 중 아님</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <source>Not connected to this guest&apos;s cluster.</source>
        <translation>이 인스턴스의 클러스터에 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>A template never runs, so it has no screen.</source>
        <translation>템플릿은 실행되지 않으므로 화면이 없습니다.</translation>
    </message>
    <message>
        <source>Consoles need a password login: an API token cannot open the console connection.</source>
        <translation>콘솔을 사용하려면 비밀번호로 로그인해야 합니다. API 토큰으로는 콘솔 연결을 열 수 없습니다.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>The node %1 is offline or unreachable.</source>
        <translation>노드 %1이(가) 오프라인이거나 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>The guest is not running.</source>
        <translation>인스턴스가 실행 중이 아닙니다.</translation>
    </message>
    <message>
        <source>%1
Reconnecting in %2 s…</source>
        <translation>%1
%2초 후 다시 연결…</translation>
    </message>
    <message>
        <source>The console ticket was refused (%1).</source>
        <translation>콘솔 티켓이 거부되었습니다 (%1).</translation>
    </message>
    <message>
        <source>The console connection was lost.</source>
        <translation>콘솔 연결이 끊어졌습니다.</translation>
    </message>
    <message>
        <source>The wall page tried to open another page and was stopped; close the wall and open it again.</source>
        <translation>콘솔 월 페이지가 다른 페이지를 열려고 하여 중지되었습니다. 콘솔 월을 닫고 다시 여십시오.</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>Leave full screen</source>
        <translation>전체화면 종료</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>전체화면</translation>
    </message>
</context>
<context>
    <name>Consoles</name>
    <message>
        <source>Consoles cannot open: QtWebEngine, which shows them, is not installed or does not load (%1). Install PySide6-Addons with pip, or your distribution&apos;s QtWebEngine for PySide6, and start VirtOn Desktop again.</source>
        <translation>콘솔을 열 수 없습니다: 콘솔을 표시하는 QtWebEngine이 설치되어 있지 않거나 불러오지 못했습니다(%1). pip로 PySide6-Addons를 설치하거나 배포판의 PySide6용 QtWebEngine 패키지를 설치한 뒤 VirtOn Desktop을 다시 시작하십시오.</translation>
    </message>
</context>
<context>
    <name>CoverageModel</name>
    <message>
        <source>Finding</source>
        <translation>발견 사항</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>백업 작업</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>상세</translation>
    </message>
    <message>
        <source>In no backup job</source>
        <translation>백업 작업에 없음</translation>
    </message>
    <message>
        <source>No recent backup</source>
        <translation>최근 백업 없음</translation>
    </message>
    <message>
        <source>Job failed last run</source>
        <translation>마지막 실행 실패</translation>
    </message>
    <message>
        <source>never</source>
        <translation>없음</translation>
    </message>
</context>
<context>
    <name>CoverageWindow</name>
    <message>
        <source>Backup coverage</source>
        <translation>백업 범위</translation>
    </message>
    <message>
        <source>All findings</source>
        <translation>모든 발견 사항</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>표시</translation>
    </message>
    <message>
        <source>Backups older than (days)</source>
        <translation>백업 기준 일수</translation>
    </message>
    <message>
        <source> days</source>
        <translation>일</translation>
    </message>
    <message>
        <source>No recent backup: older than</source>
        <translation>최근 백업 없음 기준:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Read everything again</source>
        <translation>모두 다시 읽기</translation>
    </message>
    <message>
        <source>Backup coverage findings</source>
        <translation>백업 범위 발견 사항</translation>
    </message>
    <message>
        <source>%1: the backup jobs need %2 on %3; guests in no job and failed jobs are not shown.</source>
        <translation>%1: 백업 작업을 읽으려면 %3에 대한 %2 권한이 필요합니다. 백업 작업에 없는 인스턴스와 실패한 작업은 표시되지 않습니다.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <source>Every guest is in a backup job and backed up recently.</source>
        <translation>모든 인스턴스가 백업 작업에 포함되어 있고 최근에 백업되었습니다.</translation>
    </message>
    <message>
        <source>Backup coverage…</source>
        <translation>백업 범위…</translation>
    </message>
</context>
<context>
    <name>CpuPage</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Processors given to the VM.</source>
        <translation>VM에 할당할 프로세서입니다.</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>소켓</translation>
    </message>
    <message>
        <source>Cores per socket</source>
        <translation>소켓당 코어</translation>
    </message>
    <message>
        <source>%1 vCPUs in total.</source>
        <translation>총 vCPU %1개.</translation>
    </message>
    <message>
        <source>CPU type</source>
        <translation>CPU 타입</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
    <message>
        <source>Something went wrong inside VirtOn Desktop. The program keeps running, but the last action may not have finished. Please copy the details below into a report.</source>
        <translation>VirtOn Desktop 내부에서 문제가 발생했습니다. 프로그램은 계속 실행되지만 마지막 작업이 끝나지 않았을 수 있습니다. 아래 세부 정보를 복사하여 보고서에 넣어 주세요.</translation>
    </message>
    <message>
        <source>The log file is %1</source>
        <translation>로그 파일: %1</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>오류 세부 정보</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>세부 정보 복사</translation>
    </message>
    <message>
        <source>VirtOn Desktop stopped unexpectedly last time. The crash record was kept as %1</source>
        <translation>지난번에 VirtOn Desktop이 예기치 않게 종료되었습니다. 충돌 기록을 %1(으)로 보관했습니다</translation>
    </message>
</context>
<context>
    <name>CreateBackupDialog</name>
    <message>
        <source>Create backup</source>
        <translation>백업 생성</translation>
    </message>
    <message>
        <source>Instance type</source>
        <translation>인스턴스 타입</translation>
    </message>
    <message>
        <source>All instances</source>
        <translation>모든 인스턴스</translation>
    </message>
    <message>
        <source>VM (QEMU)</source>
        <translation>VM (QEMU)</translation>
    </message>
    <message>
        <source>Container (LXC)</source>
        <translation>컨테이너 (LXC)</translation>
    </message>
    <message>
        <source>Guests to back up</source>
        <translation>백업할 인스턴스</translation>
    </message>
    <message>
        <source>Guest to back up</source>
        <translation>백업할 인스턴스</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 (%4)</source>
        <translation>%1 · %2 · %3 (%4)</translation>
    </message>
    <message>
        <source>%1 %2 (%3) on %4</source>
        <translation>%1 %2 (%3), 노드 %4</translation>
    </message>
    <message>
        <source>Backup storage</source>
        <translation>백업 스토리지</translation>
    </message>
    <message>
        <source>Storage hint</source>
        <translation>스토리지 안내</translation>
    </message>
    <message>
        <source>Backup mode</source>
        <translation>백업 모드</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>스냅샷</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>About the backup mode</source>
        <translation>백업 모드 안내</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>압축</translation>
    </message>
    <message>
        <source>ZSTD (fast and good)</source>
        <translation>ZSTD (빠르고 압축률 좋음)</translation>
    </message>
    <message>
        <source>%1 (%2 free)</source>
        <translation>%1 (%2 사용 가능)</translation>
    </message>
    <message>
        <source>LZO (fastest)</source>
        <translation>LZO (가장 빠름)</translation>
    </message>
    <message>
        <source>GZIP (widely readable)</source>
        <translation>GZIP (호환성 높음)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Protect the backup from deletion</source>
        <translation>백업을 삭제로부터 보호</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>보호</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Variables: {{guestname}}, {{vmid}}, {{node}}, {{cluster}}</source>
        <translation>변수: {{guestname}}, {{vmid}}, {{node}}, {{cluster}}</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>백업</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Guest:</source>
        <translation>인스턴스:</translation>
    </message>
    <message>
        <source>Instance type:</source>
        <translation>인스턴스 타입:</translation>
    </message>
    <message>
        <source>Guests:</source>
        <translation>인스턴스:</translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation>스토리지:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>모드:</translation>
    </message>
    <message>
        <source>Compression:</source>
        <translation>압축:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>메모:</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>Backs up live, without stopping the guest (lowest downtime). A VM&apos;s file systems are frozen briefly through the guest agent.</source>
        <translation>인스턴스를 중단하지 않고 실시간으로 백업합니다 (중단 시간 최소). VM의 파일 시스템은 게스트 에이전트를 통해 잠시 동결됩니다.</translation>
    </message>
    <message>
        <source>Suspends the guest while its state is copied: more consistent than a snapshot, with a short pause.</source>
        <translation>상태를 복사하는 동안 인스턴스를 일시 정지합니다. 스냅샷보다 정합성이 높지만 잠시 멈춥니다.</translation>
    </message>
    <message>
        <source>Shuts the guest down cleanly, backs it up, and starts it again: the most consistent backup, with downtime.</source>
        <translation>인스턴스를 정상 종료한 뒤 백업하고 다시 시작합니다. 정합성이 가장 높지만 중단 시간이 생깁니다.</translation>
    </message>
    <message>
        <source>The storage list is still loading…</source>
        <translation>스토리지 목록을 불러오는 중…</translation>
    </message>
    <message>
        <source>No storage with backup content is available on the node(s) of the chosen guests. Add backup content to a storage in PVE.</source>
        <translation>선택한 인스턴스의 노드에 백업을 저장할 수 있는 스토리지가 없습니다. PVE에서 스토리지에 백업 콘텐츠를 추가하십시오.</translation>
    </message>
</context>
<context>
    <name>CreateCtWizard</name>
    <message>
        <source>Create container</source>
        <translation>컨테이너 생성</translation>
    </message>
    <message>
        <source>Interfaces inside the container, each on a bridge of the node.</source>
        <translation>컨테이너 내부의 인터페이스이며, 각각 노드의 브리지에 연결됩니다.</translation>
    </message>
</context>
<context>
    <name>CreateGuestDialog</name>
    <message>
        <source>Create VM/CT</source>
        <translation>VM/CT 생성</translation>
    </message>
    <message>
        <source>What do you want to create?</source>
        <translation>무엇을 생성하시겠습니까?</translation>
    </message>
    <message>
        <source>Virtual machine</source>
        <translation>가상 머신</translation>
    </message>
    <message>
        <source>A full computer with its own kernel: any operating system, installed from an ISO image.</source>
        <translation>자체 커널을 가진 완전한 컴퓨터입니다. ISO 이미지로 어떤 운영체제든 설치할 수 있습니다.</translation>
    </message>
    <message>
        <source>Create virtual machine</source>
        <translation>가상 머신 생성</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>A Linux system sharing the node&apos;s kernel: light and quick to start, made from a template.</source>
        <translation>노드의 커널을 공유하는 Linux 시스템입니다. 가볍고 빠르게 시작되며 템플릿으로 만듭니다.</translation>
    </message>
    <message>
        <source>Create container</source>
        <translation>컨테이너 생성</translation>
    </message>
</context>
<context>
    <name>CreateSnapshotDialog</name>
    <message>
        <source>Take snapshot</source>
        <translation>스냅샷 생성</translation>
    </message>
    <message>
        <source>Snapshot name</source>
        <translation>스냅샷 이름</translation>
    </message>
    <message>
        <source>e.g. before_update</source>
        <translation>예: before_update</translation>
    </message>
    <message>
        <source>Name problem</source>
        <translation>이름 문제</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Optional: why it was taken, the state of the system</source>
        <translation>선택 사항: 생성 이유, 당시 시스템 상태</translation>
    </message>
    <message>
        <source>Include RAM state</source>
        <translation>RAM 상태 포함</translation>
    </message>
    <message>
        <source>About the RAM state</source>
        <translation>RAM 상태 안내</translation>
    </message>
    <message>
        <source>Containers are snapshotted without their memory state.</source>
        <translation>컨테이너는 메모리 상태 없이 스냅샷이 생성됩니다.</translation>
    </message>
    <message>
        <source>Checked: after a rollback the VM runs on at once, exactly where it was. Unchecked: only the disks are saved; after a rollback the VM must boot.</source>
        <translation>체크 시: 롤백 후 VM이 작업 중이던 상태 그대로 즉시 실행됩니다. 미체크 시: 디스크 상태만 저장되며, 롤백 후 VM을 새로 부팅해야 합니다.</translation>
    </message>
    <message>
        <source>Only a running VM has a memory state to save.</source>
        <translation>실행 중인 VM만 저장할 메모리 상태가 있습니다.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>설명:</translation>
    </message>
    <message>
        <source>A snapshot with this name exists already.</source>
        <translation>같은 이름의 스냅샷이 이미 있습니다.</translation>
    </message>
    <message>
        <source>The name must start with a letter.</source>
        <translation>이름은 영문자로 시작해야 합니다.</translation>
    </message>
    <message>
        <source>Use only letters, digits, &apos;_&apos; and &apos;-&apos; (no spaces).</source>
        <translation>영문자, 숫자, &apos;_&apos;, &apos;-&apos;만 사용할 수 있습니다 (공백 불가).</translation>
    </message>
    <message>
        <source>At most %1 characters.</source>
        <translation>최대 %1자입니다.</translation>
    </message>
    <message>
        <source>This name is reserved by Proxmox VE.</source>
        <translation>Proxmox VE에서 예약한 이름입니다.</translation>
    </message>
</context>
<context>
    <name>CreateSummary</name>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>VM ID</source>
        <translation>VM ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Resource pool</source>
        <translation>리소스 풀</translation>
    </message>
    <message>
        <source>OS type</source>
        <translation>OS 타입</translation>
    </message>
    <message>
        <source>ISO image</source>
        <translation>ISO 이미지</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>Ballooning</source>
        <translation>벌루닝</translation>
    </message>
    <message>
        <source>SCSI controller</source>
        <translation>SCSI 컨트롤러</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>펌웨어</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>머신</translation>
    </message>
    <message>
        <source>Boot order</source>
        <translation>부팅 순서</translation>
    </message>
    <message>
        <source>CT ID</source>
        <translation>CT ID</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>호스트명</translation>
    </message>
    <message>
        <source>Root password</source>
        <translation>root 비밀번호</translation>
    </message>
    <message>
        <source>SSH public keys</source>
        <translation>SSH 공개 키</translation>
    </message>
    <message>
        <source>Unprivileged</source>
        <translation>비특권</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Nesting</source>
        <translation>중첩(nesting)</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>템플릿</translation>
    </message>
    <message>
        <source>CPU cores</source>
        <translation>CPU 코어</translation>
    </message>
    <message>
        <source>Memory / swap</source>
        <translation>메모리 / Swap</translation>
    </message>
    <message>
        <source>DNS servers</source>
        <translation>DNS 서버</translation>
    </message>
    <message>
        <source>Search domain</source>
        <translation>검색 도메인</translation>
    </message>
</context>
<context>
    <name>CreateTables</name>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>+ Add disk</source>
        <translation>+ 디스크 추가</translation>
    </message>
    <message>
        <source>No disks: the VM can still boot from the ISO image or the network.</source>
        <translation>디스크 없음: VM은 ISO 이미지나 네트워크로 부팅할 수 있습니다.</translation>
    </message>
    <message>
        <source>+ Add network device</source>
        <translation>+ 네트워크 장치 추가</translation>
    </message>
    <message>
        <source>No network: the VM will have no network device.</source>
        <translation>네트워크 없음: VM에 네트워크 장치가 없습니다.</translation>
    </message>
    <message>
        <source>+ Add mount point</source>
        <translation>+ 마운트 포인트 추가</translation>
    </message>
    <message>
        <source>No extra mount points: everything lives on the root disk.</source>
        <translation>추가 마운트 포인트 없음: 모든 데이터가 루트 디스크에 저장됩니다.</translation>
    </message>
    <message>
        <source>+ Add network interface</source>
        <translation>+ 네트워크 인터페이스 추가</translation>
    </message>
    <message>
        <source>No network: the container will only have loopback.</source>
        <translation>네트워크 없음: 컨테이너에는 루프백만 있습니다.</translation>
    </message>
</context>
<context>
    <name>CreateVmWizard</name>
    <message>
        <source>Create virtual machine</source>
        <translation>가상 머신 생성</translation>
    </message>
    <message>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <source>Where the VM runs and what it is called.</source>
        <translation>VM이 실행될 위치와 이름입니다.</translation>
    </message>
    <message>
        <source>VM ID</source>
        <translation>VM ID</translation>
    </message>
    <message>
        <source>VM name</source>
        <translation>VM 이름</translation>
    </message>
    <message>
        <source>e.g. web-01</source>
        <translation>예: web-01</translation>
    </message>
    <message>
        <source>Network devices, each on a bridge of the node, optionally in a VLAN.</source>
        <translation>네트워크 장치이며, 각각 노드의 브리지에 연결되고 선택적으로 VLAN에 속합니다.</translation>
    </message>
</context>
<context>
    <name>CreateWizardBase</name>
    <message>
        <source>Create</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Sending to the server…</source>
        <translation>서버로 보내는 중…</translation>
    </message>
    <message>
        <source>Creating… the task runs on node %1 (see the Tasks panel).</source>
        <translation>생성 중… 작업이 노드 %1에서 실행됩니다 (작업 패널 참조).</translation>
    </message>
    <message>
        <source>ID %1 is already in use (created meanwhile). Choose another ID.</source>
        <translation>ID %1은(는) 이미 사용 중입니다 (그사이 생성됨). 다른 ID를 선택하십시오.</translation>
    </message>
</context>
<context>
    <name>CtDisksPage</name>
    <message>
        <source>Disks</source>
        <translation>디스크</translation>
    </message>
    <message>
        <source>The root disk and optional mount points.</source>
        <translation>루트 디스크와 선택적 마운트 포인트입니다.</translation>
    </message>
    <message>
        <source>Root disk storage</source>
        <translation>루트 디스크 스토리지</translation>
    </message>
    <message>
        <source>Root disk size</source>
        <translation>루트 디스크 크기</translation>
    </message>
    <message>
        <source>Root disk</source>
        <translation>루트 디스크</translation>
    </message>
    <message>
        <source>Mount points</source>
        <translation>마운트 포인트</translation>
    </message>
    <message>
        <source>No storage on this node can hold container disks (content &quot;Container&quot;).</source>
        <translation>이 노드에는 컨테이너 디스크를 저장할 수 있는 스토리지가 없습니다 (콘텐츠 &quot;Container&quot;).</translation>
    </message>
</context>
<context>
    <name>CtGeneralPage</name>
    <message>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <source>Where the container runs, its name and how root logs in.</source>
        <translation>컨테이너가 실행될 위치, 이름, root 로그인 방식입니다.</translation>
    </message>
    <message>
        <source>CT ID</source>
        <translation>CT ID</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>호스트명</translation>
    </message>
    <message>
        <source>e.g. cache-01</source>
        <translation>예: cache-01</translation>
    </message>
    <message>
        <source>Root password</source>
        <translation>root 비밀번호</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>비밀번호 강도</translation>
    </message>
    <message>
        <source>At least 8 characters with three of: lower case, upper case, digits, symbols; not containing the hostname.</source>
        <translation>8자 이상, 소문자·대문자·숫자·기호 중 세 가지 이상 포함, 호스트명 미포함.</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>비밀번호 확인</translation>
    </message>
    <message>
        <source>SSH public keys</source>
        <translation>SSH 공개 키</translation>
    </message>
    <message>
        <source>optional: one key a line, e.g. ssh-ed25519 AAAA… user@host</source>
        <translation>선택 사항: 한 줄에 키 하나, 예: ssh-ed25519 AAAA… user@host</translation>
    </message>
    <message>
        <source>Unprivileged container (recommended)</source>
        <translation>비특권 컨테이너 (권장)</translation>
    </message>
    <message>
        <source>Unprivileged container</source>
        <translation>비특권 컨테이너</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>보안</translation>
    </message>
    <message>
        <source>A privileged container&apos;s root is root on the node. Use only for trusted systems.</source>
        <translation>특권 컨테이너의 root는 노드의 root와 같습니다. 신뢰할 수 있는 시스템에만 사용하십시오.</translation>
    </message>
    <message>
        <source>Nesting (systemd of newer distributions needs it)</source>
        <translation>중첩(nesting) (최신 배포판의 systemd에 필요)</translation>
    </message>
    <message>
        <source>Nesting</source>
        <translation>중첩(nesting)</translation>
    </message>
</context>
<context>
    <name>CtNicList</name>
    <message>
        <source>Another interface is already called %1.</source>
        <translation>이름이 %1인 인터페이스가 이미 있습니다.</translation>
    </message>
</context>
<context>
    <name>CtNicRow</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation>DHCP</translation>
    </message>
    <message>
        <source>Static</source>
        <translation>고정</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>IPv4 address/prefix</source>
        <translation>IPv4 주소/접두사</translation>
    </message>
    <message>
        <source>IPv4 gateway</source>
        <translation>IPv4 게이트웨이</translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <source>SLAAC</source>
        <translation>SLAAC</translation>
    </message>
    <message>
        <source>IPv6 address/prefix</source>
        <translation>IPv6 주소/접두사</translation>
    </message>
    <message>
        <source>IPv6 gateway</source>
        <translation>IPv6 게이트웨이</translation>
    </message>
</context>
<context>
    <name>DeleteDialog</name>
    <message>
        <source>Delete guest</source>
        <translation>인스턴스 삭제</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 삭제</translation>
    </message>
    <message>
        <source>Why this guest cannot be deleted</source>
        <translation>이 인스턴스를 삭제할 수 없는 이유</translation>
    </message>
    <message>
        <source>%1 and its disks are removed from the cluster for good. This cannot be undone; backups on backup storages are kept.</source>
        <translation>%1과(와) 해당 디스크가 클러스터에서 영구적으로 제거됩니다. 되돌릴 수 없으며, 백업 스토리지의 백업은 유지됩니다.</translation>
    </message>
    <message>
        <source>Type the guest ID %1 to confirm:</source>
        <translation>확인하려면 인스턴스 ID %1을(를) 입력하십시오:</translation>
    </message>
    <message>
        <source>Guest ID to confirm</source>
        <translation>확인할 인스턴스 ID</translation>
    </message>
    <message>
        <source>Purge from backup jobs, replication and HA</source>
        <translation>백업 작업, 복제 및 HA 설정에서도 제거</translation>
    </message>
    <message>
        <source>Destroy unreferenced disks owned by the guest</source>
        <translation>인스턴스 소유의 참조되지 않은 디스크도 삭제</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Delete the guest</source>
        <translation>인스턴스 삭제</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>This guest is protected (protection: 1), so it cannot be deleted. Turn off protection in its options first if you really mean to delete it.</source>
        <translation>이 인스턴스는 보호되어 있어(protection: 1) 삭제할 수 없습니다. 꼭 삭제하려면 먼저 옵션에서 보호를 해제하십시오.</translation>
    </message>
    <message>
        <source>This guest is a template. Linked clones may still use its base disks, so it is not deleted from here; check its clones in the Proxmox web interface first.</source>
        <translation>이 인스턴스는 템플릿입니다. 연결된 복제본이 기본 디스크를 사용하고 있을 수 있으므로 여기서는 삭제하지 않습니다. 먼저 Proxmox 웹 인터페이스에서 복제본을 확인하십시오.</translation>
    </message>
    <message>
        <source>This guest is locked (%1) by a running or interrupted job. Wait for the job to end.</source>
        <translation>이 인스턴스는 실행 중이거나 중단된 작업 때문에 잠겨 있습니다 (%1). 작업이 끝날 때까지 기다리십시오.</translation>
    </message>
    <message>
        <source>This guest is not stopped. Shut it down or stop it first, then delete it.</source>
        <translation>이 인스턴스가 중지되지 않았습니다. 먼저 종료하거나 중지한 후 삭제하십시오.</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>삭제 중…</translation>
    </message>
</context>
<context>
    <name>DescriptionDialog</name>
    <message>
        <source>Description of %1</source>
        <translation>%1 설명</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
</context>
<context>
    <name>DetailPage</name>
    <message>
        <source>Guest details</source>
        <translation>인스턴스 상세 정보</translation>
    </message>
    <message>
        <source>← All guests</source>
        <translation>← 전체 인스턴스</translation>
    </message>
    <message>
        <source>Back to all guests</source>
        <translation>전체 인스턴스 목록으로 돌아가기</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Change CPU, memory, network and disks</source>
        <translation>CPU, 메모리, 네트워크, 디스크 변경</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>콘솔</translation>
    </message>
    <message>
        <source>Open the guest&apos;s console</source>
        <translation>인스턴스 콘솔 열기</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Remove the guest for good</source>
        <translation>인스턴스를 영구적으로 제거</translation>
    </message>
    <message>
        <source>Open in new window</source>
        <translation>새 창으로 열기</translation>
    </message>
    <message>
        <source>Show these details in a window of their own</source>
        <translation>상세 정보를 별도의 창에 표시</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>리소스</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>No network interfaces.</source>
        <translation>네트워크 인터페이스가 없습니다.</translation>
    </message>
    <message>
        <source>Disks</source>
        <translation>디스크</translation>
    </message>
    <message>
        <source>No disks.</source>
        <translation>디스크가 없습니다.</translation>
    </message>
    <message>
        <source>Pending changes (apply at the next start)</source>
        <translation>보류 중인 변경 사항 (다음 시작 시 적용)</translation>
    </message>
    <message>
        <source>No pending changes.</source>
        <translation>보류 중인 변경 사항이 없습니다.</translation>
    </message>
    <message>
        <source>Reboot now to apply</source>
        <translation>지금 재시작하여 적용</translation>
    </message>
    <message>
        <source>Live usage</source>
        <translation>실시간 리소스 사용량</translation>
    </message>
    <message>
        <source>Resource trends</source>
        <translation>리소스 트렌드</translation>
    </message>
    <message>
        <source>Guest detail sections</source>
        <translation>인스턴스 상세 정보 섹션</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>스냅샷</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>백업</translation>
    </message>
    <message>
        <source>Cloud-Init</source>
        <translation>Cloud-Init</translation>
    </message>
    <message>
        <source>This guest no longer exists in the cluster (deleted or its cluster disconnected).</source>
        <translation>이 인스턴스가 더 이상 클러스터에 없습니다 (삭제되었거나 클러스터 연결이 끊김).</translation>
    </message>
    <message>
        <source>The configuration could not be read: %1</source>
        <translation>설정을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>템플릿</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(이름 없음)</translation>
    </message>
    <message>
        <source>Container (LXC)</source>
        <translation>컨테이너 (LXC)</translation>
    </message>
    <message>
        <source>Virtual machine (QEMU)</source>
        <translation>가상 머신 (QEMU)</translation>
    </message>
    <message>
        <source>%1 · node %2 · cluster %3</source>
        <translation>%1 · 노드 %2 · 클러스터 %3</translation>
    </message>
    <message>
        <source>Consoles are not available in this version yet.</source>
        <translation>이 버전에서는 아직 콘솔을 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Start the guest to open its console.</source>
        <translation>콘솔을 열려면 인스턴스를 시작하십시오.</translation>
    </message>
    <message>
        <source>Reboot to apply?</source>
        <translation>재시작하여 적용하시겠습니까?</translation>
    </message>
    <message>
        <source>Saved. Some changes (%1) apply only when the guest starts again. Reboot it now?</source>
        <translation>저장했습니다. 일부 변경 사항(%1)은 인스턴스가 다시 시작될 때 적용됩니다. 지금 재시작하시겠습니까?</translation>
    </message>
    <message>
        <source>Reboot now</source>
        <translation>지금 재시작</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <source>Copy diagnostics</source>
        <translation>진단 정보 복사</translation>
    </message>
    <message>
        <source>Include host names</source>
        <translation>호스트 이름 포함</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>진단 정보</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy diagnostics…</source>
        <translation>진단 정보 복사…</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>로그 폴더 열기</translation>
    </message>
</context>
<context>
    <name>DiskList</name>
    <message>
        <source>Too many %1 disks: at most %2 (ide2 is the CD drive).</source>
        <translation>%1 디스크가 너무 많습니다: 최대 %2개 (ide2는 CD 드라이브).</translation>
    </message>
    <message>
        <source>Too many %1 disks: at most %2.</source>
        <translation>%1 디스크가 너무 많습니다: 최대 %2개.</translation>
    </message>
</context>
<context>
    <name>DiskRow</name>
    <message>
        <source>Bus</source>
        <translation>버스</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>캐시</translation>
    </message>
    <message>
        <source>Default (no cache)</source>
        <translation>기본값 (캐시 없음)</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>IO thread</source>
        <translation>IO 스레드</translation>
    </message>
</context>
<context>
    <name>DisksPage</name>
    <message>
        <source>Disks</source>
        <translation>디스크</translation>
    </message>
    <message>
        <source>New virtual disks, created empty on the chosen storage.</source>
        <translation>선택한 스토리지에 빈 상태로 생성되는 새 가상 디스크입니다.</translation>
    </message>
    <message>
        <source>SCSI controller</source>
        <translation>SCSI 컨트롤러</translation>
    </message>
    <message>
        <source>virtio-scsi-single gives every SCSI disk its own IO thread.</source>
        <translation>virtio-scsi-single은 SCSI 디스크마다 별도의 IO 스레드를 둡니다.</translation>
    </message>
    <message>
        <source>No storage on this node can hold VM disks (content &quot;Disk image&quot;). Add one in PVE: Datacenter &gt; Storage.</source>
        <translation>이 노드에는 VM 디스크를 저장할 수 있는 스토리지가 없습니다 (콘텐츠 &quot;Disk image&quot;). PVE에서 추가하십시오: 데이터센터 &gt; 스토리지.</translation>
    </message>
</context>
<context>
    <name>DnsPage</name>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>How the container resolves names. Empty: use the node&apos;s settings.</source>
        <translation>컨테이너의 이름 해석 방식입니다. 비워 두면 노드의 설정을 사용합니다.</translation>
    </message>
    <message>
        <source>Search domain</source>
        <translation>검색 도메인</translation>
    </message>
    <message>
        <source>e.g. example.com (empty: as the node)</source>
        <translation>예: example.com (비워 두면 노드와 같음)</translation>
    </message>
    <message>
        <source>DNS servers</source>
        <translation>DNS 서버</translation>
    </message>
    <message>
        <source>e.g. 1.1.1.1 9.9.9.9 (empty: as the node)</source>
        <translation>예: 1.1.1.1 9.9.9.9 (비워 두면 노드와 같음)</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 addresses, separated by spaces or commas.</source>
        <translation>IPv4 또는 IPv6 주소, 공백이나 쉼표로 구분.</translation>
    </message>
</context>
<context>
    <name>FeedDock</name>
    <message>
        <source>Changes since you last looked</source>
        <translation>마지막으로 본 이후의 변경</translation>
    </message>
    <message>
        <source>Mark as seen</source>
        <translation>확인함으로 표시</translation>
    </message>
    <message>
        <source>Only the newest %1 changes of each cluster are listed; %2 older ones are not.</source>
        <translation>클러스터마다 최근 변경 %1건만 표시합니다. 그보다 오래된 %2건은 표시하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>FeedModel</name>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>By</source>
        <translation>수행자</translation>
    </message>
    <message>
        <source>while closed</source>
        <translation>닫혀 있는 동안</translation>
    </message>
    <message>
        <source>created</source>
        <translation>생성됨</translation>
    </message>
    <message>
        <source>destroyed</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>started</source>
        <translation>시작됨</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>migrated %1</source>
        <translation>마이그레이션됨 %1</translation>
    </message>
    <message>
        <source>backup failed: %1</source>
        <translation>백업 실패: %1</translation>
    </message>
    <message>
        <source>task failed: %1</source>
        <translation>작업 실패: %1</translation>
    </message>
</context>
<context>
    <name>FileMessages</name>
    <message>
        <source>the disk is full</source>
        <translation>디스크가 가득 찼습니다</translation>
    </message>
    <message>
        <source>the disk or folder is read-only</source>
        <translation>디스크 또는 폴더가 읽기 전용입니다</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>권한이 없습니다</translation>
    </message>
    <message>
        <source>%1 could not be read (%2). It was kept as %3; VirtOn Desktop started without it.</source>
        <translation>%1 파일을 읽을 수 없습니다(%2). 파일은 %3(으)로 보관했으며 VirtOn Desktop은 이 파일 없이 시작했습니다.</translation>
    </message>
    <message>
        <source>%1 could not be read (%2) and could not be moved aside. It is left as it is: changes are kept until you quit, not saved.</source>
        <translation>%1 파일을 읽을 수 없고(%2) 다른 이름으로 옮길 수도 없습니다. 파일은 그대로 두며, 변경 사항은 종료할 때까지만 유지되고 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>%1 could not be read (%2). It is left as it is: changes are kept until you quit, not saved.</source>
        <translation>%1 파일을 읽을 수 없습니다(%2). 파일은 그대로 두며, 변경 사항은 종료할 때까지만 유지되고 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of VirtOn Desktop (format %2). This version shows what it understands and never changes the file: changes are kept until you quit, not saved.</source>
        <translation>%1 파일은 더 새로운 버전의 VirtOn Desktop이 기록했습니다(형식 %2). 이 버전은 이해할 수 있는 내용만 표시하고 파일을 변경하지 않으며, 변경 사항은 종료할 때까지만 유지되고 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>Entries of %1 that could not be read: %2. They stay in the file unchanged and are not shown.</source>
        <translation>%1 파일에서 읽을 수 없는 항목: %2개. 이 항목은 파일에 그대로 남으며 표시되지 않습니다.</translation>
    </message>
    <message>
        <source>%1 could not be saved: another program kept it locked. The file is unchanged; your change is kept until you quit.</source>
        <translation>%1 파일을 저장할 수 없습니다. 다른 프로그램이 파일을 잠그고 있습니다. 파일은 변경되지 않았으며, 변경 사항은 종료할 때까지 유지됩니다.</translation>
    </message>
    <message>
        <source>%1 could not be saved (%2). The file is unchanged; your change is kept until you quit.</source>
        <translation>%1 파일을 저장할 수 없습니다(%2). 파일은 변경되지 않았으며, 변경 사항은 종료할 때까지 유지됩니다.</translation>
    </message>
</context>
<context>
    <name>GaugePanel</name>
    <message>
        <source>Live usage</source>
        <translation>실시간 리소스 사용량</translation>
    </message>
    <message>
        <source>CPU usage</source>
        <translation>CPU 사용률</translation>
    </message>
    <message>
        <source>Memory usage</source>
        <translation>메모리 사용률</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>주의</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>위험</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>of %1 vCPU</source>
        <translation>vCPU %1개 중</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 중 %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>The server the guest runs on. Only online nodes are listed.</source>
        <translation>인스턴스가 실행될 서버입니다. 온라인 노드만 표시됩니다.</translation>
    </message>
    <message>
        <source>e.g. 100</source>
        <translation>예: 100</translation>
    </message>
    <message>
        <source>Letters A-Z, digits and hyphens (-).</source>
        <translation>영문자 A-Z, 숫자, 하이픈(-).</translation>
    </message>
    <message>
        <source>Resource pool</source>
        <translation>리소스 풀</translation>
    </message>
    <message>
        <source>No node is online.</source>
        <translation>온라인 노드가 없습니다.</translation>
    </message>
    <message>
        <source>Asking the server for the next free ID…</source>
        <translation>서버에 다음 사용 가능한 ID를 요청하는 중…</translation>
    </message>
    <message>
        <source>Checking that the ID is free…</source>
        <translation>ID 사용 가능 여부 확인 중…</translation>
    </message>
    <message>
        <source>Could not check the ID: %1</source>
        <translation>ID를 확인하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Unique in the cluster. Prefilled with the next free ID.</source>
        <translation>클러스터 내에서 고유해야 합니다. 다음 사용 가능한 ID가 미리 채워집니다.</translation>
    </message>
</context>
<context>
    <name>GuestActions</name>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>재시작</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>리셋</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Start the guest</source>
        <translation>인스턴스 시작</translation>
    </message>
    <message>
        <source>Ask the guest OS to shut down cleanly (ACPI)</source>
        <translation>게스트 OS에 정상 종료를 요청합니다 (ACPI)</translation>
    </message>
    <message>
        <source>Ask the guest OS to restart</source>
        <translation>게스트 OS에 재시작을 요청합니다</translation>
    </message>
    <message>
        <source>Power off at once, like pulling the plug</source>
        <translation>전원 플러그를 뽑듯이 즉시 전원을 끕니다</translation>
    </message>
    <message>
        <source>Hard reset, like pressing the reset button</source>
        <translation>리셋 버튼을 누르듯이 즉시 하드 리셋합니다</translation>
    </message>
    <message>
        <source>Freeze the guest in memory</source>
        <translation>인스턴스를 메모리에 그대로 멈춥니다</translation>
    </message>
    <message>
        <source>Continue a paused or halted guest, or wake it from sleep</source>
        <translation>일시 정지되었거나 멈춘 게스트를 계속 실행하거나 절전 상태에서 깨웁니다</translation>
    </message>
    <message>
        <source>%1 is a template: clone it to get a guest that can run.</source>
        <translation>%1은(는) 템플릿입니다. 실행하려면 복제하여 인스턴스를 만드십시오.</translation>
    </message>
    <message>
        <source>The node %1 is offline or unreachable: the state of %2 is unknown.</source>
        <translation>노드 %1이(가) 오프라인이거나 연결할 수 없어 %2의 상태를 알 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is in the state &quot;%2&quot;, which this app offers no actions for; use the Proxmox VE web interface.</source>
        <translation>%1은(는) &quot;%2&quot; 상태이며, 이 앱은 이 상태에 대한 작업을 제공하지 않습니다. Proxmox VE 웹 인터페이스를 사용하세요.</translation>
    </message>
    <message>
        <source>%1 is locked (%2) by a running or interrupted job; power actions are blocked until it ends.</source>
        <translation>%1은(는) 실행 중이거나 중단된 작업 때문에 잠겨 있습니다 (%2). 작업이 끝날 때까지 전원 제어가 차단됩니다.</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%3개 중 %2개)</translation>
    </message>
    <message>
        <source>%1: the cluster %2 is not connected.</source>
        <translation>%1: 클러스터 %2이(가) 연결되어 있지 않습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%1: sent for %n guest(s)</source>
        <translation>
            <numerusform>%1: 인스턴스 %n개에 요청함</numerusform>
        </translation>
    </message>
    <message>
        <source>HA started %1: it runs on %2.</source>
        <translation>HA가 %1을(를) 시작했습니다: %2 노드에서 실행 중입니다.</translation>
    </message>
    <message>
        <source>HA stopped %1.</source>
        <translation>HA가 %1을(를) 중지했습니다.</translation>
    </message>
    <message>
        <source>%1 is still %2 %3 s after the HA request (HA state: %4). The HA manager may still act on it: see Datacenter → HA in the Proxmox VE web interface.</source>
        <translation>HA 요청 %3초 후에도 %1은(는) 여전히 %2 상태입니다(HA 상태: %4). HA 관리자가 아직 처리 중일 수 있습니다. Proxmox VE 웹 인터페이스의 데이터센터 → HA를 확인하십시오.</translation>
    </message>
    <message>
        <source>HA could not start %1: its HA state is &quot;error&quot;, so HA leaves it alone. See the HA status (Datacenter → HA) and the node&apos;s log for the cause. To clear the error, set the requested state of %2 to &quot;disabled&quot; (ha-manager set %2 --state disabled), fix the cause, then set it to &quot;started&quot; again.</source>
        <translation>HA가 %1을(를) 시작하지 못했습니다: HA 상태가 &quot;error&quot;이므로 HA는 더 이상 이 인스턴스를 다루지 않습니다. 원인은 HA 상태(데이터센터 → HA)와 노드 로그에서 확인하십시오. 오류를 해제하려면 %2의 요청 상태를 &quot;disabled&quot;로 설정하고(ha-manager set %2 --state disabled) 원인을 해결한 뒤 다시 &quot;started&quot;로 설정하십시오.</translation>
    </message>
    <message>
        <source>HA could not stop %1: its HA state is &quot;error&quot;, so HA leaves it alone. See the HA status (Datacenter → HA) and the node&apos;s log for the cause; stop the guest by hand if it still runs. To clear the error, set the requested state of %2 to &quot;disabled&quot; (ha-manager set %2 --state disabled), fix the cause, then request the state you want.</source>
        <translation>HA가 %1을(를) 중지하지 못했습니다: HA 상태가 &quot;error&quot;이므로 HA는 더 이상 이 인스턴스를 다루지 않습니다. 원인은 HA 상태(데이터센터 → HA)와 노드 로그에서 확인하고, 아직 실행 중이면 직접 중지하십시오. 오류를 해제하려면 %2의 요청 상태를 &quot;disabled&quot;로 설정하고(ha-manager set %2 --state disabled) 원인을 해결한 뒤 원하는 상태를 요청하십시오.</translation>
    </message>
    <message>
        <source>%1 of %2 failed: %3</source>
        <translation>%2 %1 실패: %3</translation>
    </message>
    <message>
        <source>Stop %1 now? The guest is powered off without shutting down; unsaved data in it is lost.</source>
        <translation>%1을(를) 지금 중지하시겠습니까? 종료 절차 없이 전원이 꺼지며, 저장하지 않은 데이터는 사라집니다.</translation>
    </message>
    <message>
        <source>Shut down %1?</source>
        <translation>%1을(를) 종료하시겠습니까?</translation>
    </message>
    <message>
        <source>Reset %1 now? The guest restarts at once without shutting down; unsaved data in it is lost.</source>
        <translation>%1을(를) 지금 리셋하시겠습니까? 종료 절차 없이 즉시 다시 시작되며, 저장하지 않은 데이터는 사라집니다.</translation>
    </message>
    <message>
        <source>A shutdown is still running: it is cancelled and the guest is stopped now.</source>
        <translation>종료가 아직 진행 중입니다. 종료를 취소하고 게스트를 지금 정지합니다.</translation>
    </message>
    <message>
        <source>%1: managed by HA. The HA manager shuts it down; if it still runs after the HA timeout (%2 s), it is stopped hard and unsaved data is lost. HA then keeps it stopped until it is started again.</source>
        <translation>%1: HA가 관리합니다. HA 관리자가 종료하며, HA 시간 제한(%2초)이 지나도 실행 중이면 강제로 중지되어 저장하지 않은 데이터가 사라집니다. 이후 HA는 다시 시작할 때까지 중지된 상태로 유지합니다.</translation>
    </message>
    <message>
        <source>%1: managed by HA. The HA manager stops it and keeps it stopped until it is started again. A shutdown still running is not cancelled (Proxmox VE does not allow that for HA guests). Powered off from inside instead, HA would start it again, maybe on another node.</source>
        <translation>%1: HA가 관리합니다. HA 관리자가 중지하고 다시 시작할 때까지 중지된 상태로 유지합니다. 진행 중인 종료는 취소되지 않습니다(Proxmox VE는 HA 인스턴스에 이를 허용하지 않습니다). 대신 게스트 OS 안에서 전원을 끄면 HA가 다시 시작하며, 다른 노드에서 시작할 수도 있습니다.</translation>
    </message>
</context>
<context>
    <name>GuestTagsDialog</name>
    <message>
        <source>Tags of %1</source>
        <translation>%1의 태그</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>New tags</source>
        <translation>새 태그</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Double-click a tag to rename it.</source>
        <translation>태그를 더블 클릭하면 이름을 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>That tag is already there.</source>
        <translation>이미 있는 태그입니다.</translation>
    </message>
</context>
<context>
    <name>GuestTexts</name>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>on</source>
        <translation>켬</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>not managed by HA</source>
        <translation>HA 관리 대상 아님</translation>
    </message>
    <message>
        <source>all host cores</source>
        <translation>호스트의 모든 코어</translation>
    </message>
    <message>
        <source>AES-NI exposed (hardware crypto acceleration)</source>
        <translation>AES-NI 노출 (하드웨어 암호화 가속)</translation>
    </message>
    <message>
        <source>no AES-NI (crypto in software)</source>
        <translation>AES-NI 없음 (소프트웨어 암호화)</translation>
    </message>
    <message>
        <source>on, minimum %1</source>
        <translation>켬, 최소 %1</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>제거됨</translation>
    </message>
    <message>
        <source>no media</source>
        <translation>미디어 없음</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>풀</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>가동 시간</translation>
    </message>
    <message>
        <source>HA state</source>
        <translation>HA 상태</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>잠금</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>템플릿</translation>
    </message>
    <message>
        <source>OS type</source>
        <translation>OS 타입</translation>
    </message>
    <message>
        <source>Boot order</source>
        <translation>부팅 순서</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>머신</translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation>BIOS</translation>
    </message>
    <message>
        <source>SCSI controller</source>
        <translation>SCSI 컨트롤러</translation>
    </message>
    <message>
        <source>QEMU guest agent</source>
        <translation>QEMU 게스트 에이전트</translation>
    </message>
    <message>
        <source>Start at boot</source>
        <translation>부팅 시 시작</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>아키텍처</translation>
    </message>
    <message>
        <source>Unprivileged</source>
        <translation>비특권</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>기능</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>호스트명</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>소켓</translation>
    </message>
    <message>
        <source>Cores per socket</source>
        <translation>소켓당 코어</translation>
    </message>
    <message>
        <source>Total vCPUs</source>
        <translation>총 vCPU</translation>
    </message>
    <message>
        <source>CPU type</source>
        <translation>CPU 타입</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>Ballooning</source>
        <translation>벌루닝</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>Swap</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>코어</translation>
    </message>
    <message>
        <source>CD/DVD drive</source>
        <translation>CD/DVD 드라이브</translation>
    </message>
    <message>
        <source>Cloud-init drive</source>
        <translation>Cloud-init 드라이브</translation>
    </message>
    <message>
        <source>root disk</source>
        <translation>루트 디스크</translation>
    </message>
    <message>
        <source>mount point</source>
        <translation>마운트 포인트</translation>
    </message>
    <message>
        <source>EFI vars disk</source>
        <translation>EFI 변수 디스크</translation>
    </message>
    <message>
        <source>TPM state</source>
        <translation>TPM 상태</translation>
    </message>
    <message>
        <source>unused disk</source>
        <translation>사용하지 않는 디스크</translation>
    </message>
    <message>
        <source>%1 disk</source>
        <translation>%1 디스크</translation>
    </message>
    <message>
        <source>added at next start</source>
        <translation>다음 시작 시 추가</translation>
    </message>
    <message>
        <source>changes at next start</source>
        <translation>다음 시작 시 변경</translation>
    </message>
    <message>
        <source>removed at next start</source>
        <translation>다음 시작 시 제거</translation>
    </message>
    <message>
        <source>after restart</source>
        <translation>재시작 후</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 노드에서 %1</translation>
    </message>
    <message>
        <source>(request: %1, max. restart %2, max. relocate %3)</source>
        <translation>(요청: %1, 최대 재시작 %2, 최대 재배치 %3)</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>인터페이스</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC 주소</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>브리지</translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation>VLAN</translation>
    </message>
    <message>
        <source>Firewall</source>
        <translation>방화벽</translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>게이트웨이</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>디스크</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>스토리지</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>볼륨</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>옵션</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>%1에 마운트</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>설정 항목</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>After the next start</source>
        <translation>다음 시작 후</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(제거됨)</translation>
    </message>
</context>
<context>
    <name>HaActions</name>
    <message>
        <source>High availability</source>
        <translation>고가용성(HA)</translation>
    </message>
    <message>
        <source>Add to HA…</source>
        <translation>HA에 추가…</translation>
    </message>
    <message>
        <source>Let the HA manager keep the guest running, on another node if its node fails</source>
        <translation>HA 관리자가 인스턴스를 계속 실행하게 합니다. 노드에 장애가 나면 다른 노드에서 실행합니다</translation>
    </message>
    <message>
        <source>HA settings…</source>
        <translation>HA 설정…</translation>
    </message>
    <message>
        <source>Requested state, restart and relocate tries</source>
        <translation>요청 상태, 재시작 및 재배치 시도 횟수</translation>
    </message>
    <message>
        <source>Request state</source>
        <translation>상태 요청</translation>
    </message>
    <message>
        <source>Clear HA error…</source>
        <translation>HA 오류 해제…</translation>
    </message>
    <message>
        <source>Set the requested state to disabled, then to started again (Proxmox VE&apos;s way out of an HA error)</source>
        <translation>요청 상태를 disabled로 설정한 뒤 다시 started로 설정합니다(Proxmox VE가 안내하는 HA 오류 해제 방법)</translation>
    </message>
    <message>
        <source>Remove from HA…</source>
        <translation>HA에서 제거…</translation>
    </message>
    <message>
        <source>The guest keeps running, without HA</source>
        <translation>인스턴스는 HA 없이 계속 실행됩니다</translation>
    </message>
    <message>
        <source>%1: the cluster %2 is not connected.</source>
        <translation>%1: 클러스터 %2이(가) 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>%1 is now managed by HA.</source>
        <translation>이제 HA가 %1을(를) 관리합니다.</translation>
    </message>
    <message>
        <source>HA settings of %1 saved.</source>
        <translation>%1의 HA 설정을 저장했습니다.</translation>
    </message>
    <message>
        <source>Request &quot;%1&quot; for %2? The HA manager shuts the guest down (and stops it hard if it does not shut down in time).</source>
        <translation>%2에 대해 &quot;%1&quot;을(를) 요청하시겠습니까? HA 관리자가 인스턴스를 종료합니다(제시간에 종료되지 않으면 강제로 중지합니다).</translation>
    </message>
    <message>
        <source>HA request for %1 failed: %2</source>
        <translation>%1의 HA 요청에 실패했습니다: %2</translation>
    </message>
    <message>
        <source>Requested &quot;%1&quot; for %2.</source>
        <translation>%2에 대해 &quot;%1&quot;을(를) 요청했습니다.</translation>
    </message>
    <message>
        <source>HA started %1: it runs on %2.</source>
        <translation>HA가 %1을(를) 시작했습니다: %2 노드에서 실행 중입니다.</translation>
    </message>
    <message>
        <source>HA stopped %1.</source>
        <translation>HA가 %1을(를) 중지했습니다.</translation>
    </message>
    <message>
        <source>%1 has not got there yet (HA state: %2). The HA manager may still act on it.</source>
        <translation>%1이(가) 아직 요청한 상태에 이르지 않았습니다(HA 상태: %2). HA 관리자가 아직 처리 중일 수 있습니다.</translation>
    </message>
    <message>
        <source>Remove from HA</source>
        <translation>HA에서 제거</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from HA? The guest is not stopped: it keeps running as it is, but no longer managed by HA - nothing restarts it when it fails or moves it when its node fails. It is also taken out of the HA rules that name it.</source>
        <translation>%1(%2)을(를) HA에서 제거하시겠습니까? 인스턴스는 중지되지 않고 지금 상태대로 계속 실행되지만, 더 이상 HA가 관리하지 않습니다. 장애가 나도 다시 시작하지 않고, 노드에 장애가 나도 다른 노드로 옮기지 않습니다. 이 인스턴스를 지정한 HA 규칙에서도 빠집니다.</translation>
    </message>
    <message>
        <source>Removing %1 from HA failed: %2</source>
        <translation>%1을(를) HA에서 제거하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>%1 is no longer managed by HA.</source>
        <translation>이제 HA가 %1을(를) 관리하지 않습니다.</translation>
    </message>
    <message>
        <source>Clear HA error</source>
        <translation>HA 오류 해제</translation>
    </message>
    <message>
        <source>Clear the HA error of %1? Its requested state is set to &quot;disabled&quot; (the HA manager then leaves the error state and keeps the guest stopped), then to &quot;started&quot;: HA tries to start it again. Fix the cause first (see the node&apos;s log), or it fails again.</source>
        <translation>%1의 HA 오류를 해제하시겠습니까? 요청 상태를 &quot;disabled&quot;로 설정하고(HA 관리자가 오류 상태를 벗어나 인스턴스를 중지된 상태로 둡니다), 이어서 &quot;started&quot;로 설정합니다: HA가 다시 시작을 시도합니다. 먼저 원인을 해결하십시오(노드 로그 참조). 그렇지 않으면 다시 실패합니다.</translation>
    </message>
    <message>
        <source>Clear and start</source>
        <translation>해제 후 시작</translation>
    </message>
    <message>
        <source>%1 is still in HA error %2 s after it was disabled; it stays disabled. Try &quot;started&quot; again later.</source>
        <translation>disabled로 설정한 지 %2초가 지났지만 %1은(는) 여전히 HA 오류 상태입니다. disabled 상태로 둡니다. 나중에 다시 &quot;started&quot;를 요청하십시오.</translation>
    </message>
</context>
<context>
    <name>HaDialog</name>
    <message>
        <source>Add %1 to HA</source>
        <translation>%1을(를) HA에 추가</translation>
    </message>
    <message>
        <source>HA settings of %1</source>
        <translation>%1의 HA 설정</translation>
    </message>
    <message>
        <source>HA resource %1: the HA manager keeps %2 in the requested state and starts it on another node when its node fails.</source>
        <translation>HA 리소스 %1: HA 관리자가 %2을(를) 요청 상태로 유지하고, 노드에 장애가 나면 다른 노드에서 시작합니다.</translation>
    </message>
    <message>
        <source>Requested state</source>
        <translation>요청 상태</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Where it runs</source>
        <translation>실행 위치</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>그룹:</translation>
    </message>
    <message>
        <source>Max. restart</source>
        <translation>최대 재시작</translation>
    </message>
    <message>
        <source>How often HA restarts the guest on its node after a failed start before it moves it to another node.</source>
        <translation>시작에 실패했을 때 다른 노드로 옮기기 전에 HA가 같은 노드에서 인스턴스를 다시 시작하는 횟수입니다.</translation>
    </message>
    <message>
        <source>Max. relocate</source>
        <translation>최대 재배치</translation>
    </message>
    <message>
        <source>How often HA moves the guest to another node when it fails to start.</source>
        <translation>시작에 실패했을 때 HA가 인스턴스를 다른 노드로 옮기는 횟수입니다.</translation>
    </message>
    <message>
        <source>Move back to the preferred node when it returns</source>
        <translation>선호 노드가 돌아오면 그 노드로 되돌리기</translation>
    </message>
    <message>
        <source>Failback: when a node its node-affinity rule prefers comes back online, HA migrates the guest there.</source>
        <translation>Failback: 노드 어피니티 규칙이 선호하는 노드가 다시 온라인이 되면 HA가 인스턴스를 그 노드로 마이그레이션합니다.</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>코멘트</translation>
    </message>
    <message>
        <source>Requested state:</source>
        <translation>요청 상태:</translation>
    </message>
    <message>
        <source>Max. restart:</source>
        <translation>최대 재시작:</translation>
    </message>
    <message>
        <source>Max. relocate:</source>
        <translation>최대 재배치:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>코멘트:</translation>
    </message>
    <message>
        <source>Add to HA</source>
        <translation>HA에 추가</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Disabling the resource stops the guest.</source>
        <translation>리소스를 비활성화하면 인스턴스가 중지됩니다.</translation>
    </message>
    <message>
        <source>The cluster has no quorum: Proxmox VE refuses HA changes until it has.</source>
        <translation>클러스터에 쿼럼이 없습니다: 쿼럼이 회복될 때까지 Proxmox VE는 HA 변경을 거부합니다.</translation>
    </message>
    <message>
        <source>Node affinity:</source>
        <translation>노드 선호도:</translation>
    </message>
    <message>
        <source>Node-affinity rules (Proxmox VE 9) list the guests that prefer some nodes; choosing one adds this guest to it.</source>
        <translation>노드 선호도 규칙(Proxmox VE 9)은 특정 노드를 선호하는 인스턴스를 나열합니다. 규칙을 선택하면 이 인스턴스가 그 규칙에 추가됩니다.</translation>
    </message>
    <message>
        <source>None (any node)</source>
        <translation>없음(모든 노드)</translation>
    </message>
    <message>
        <source>The HA settings could not be read: %1</source>
        <translation>HA 설정을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Proxmox VE refused it: %1</source>
        <translation>Proxmox VE가 거부했습니다: %1</translation>
    </message>
</context>
<context>
    <name>HaPagePart</name>
    <message>
        <source>HA</source>
        <translation>HA</translation>
    </message>
    <message>
        <source>High availability</source>
        <translation>고가용성(HA)</translation>
    </message>
</context>
<context>
    <name>HaRequest</name>
    <message>
        <source>HA keeps the guest running: it starts it, restarts it when it fails, and moves it to another node when its node fails.</source>
        <translation>HA가 인스턴스를 계속 실행합니다: 시작하고, 장애가 나면 다시 시작하며, 노드에 장애가 나면 다른 노드로 옮깁니다.</translation>
    </message>
    <message>
        <source>HA shuts the guest down and keeps it stopped; it still moves it to another node when its node fails.</source>
        <translation>HA가 인스턴스를 종료하고 중지된 상태로 유지합니다. 노드에 장애가 나면 다른 노드로 옮기기는 합니다.</translation>
    </message>
    <message>
        <source>HA stops the guest and leaves it stopped, even when its node fails. This is also how an HA error is cleared.</source>
        <translation>HA가 인스턴스를 중지하고, 노드에 장애가 나도 중지된 상태로 둡니다. HA 오류를 해제할 때도 이 상태를 씁니다.</translation>
    </message>
    <message>
        <source>HA leaves the guest alone, as if it did not manage it (for maintenance by hand).</source>
        <translation>HA가 관리하지 않는 것처럼 인스턴스를 그대로 둡니다(수동 유지보수용).</translation>
    </message>
</context>
<context>
    <name>HaState</name>
    <message>
        <source>Started</source>
        <translation>시작됨</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>Stop requested</source>
        <translation>중지 요청됨</translation>
    </message>
    <message>
        <source>Start requested</source>
        <translation>시작 요청됨</translation>
    </message>
    <message>
        <source>Moving to start</source>
        <translation>시작 전 이동 중</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>시작 중</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>중지 중</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>동결됨</translation>
    </message>
    <message>
        <source>Fencing its node</source>
        <translation>노드 펜싱 중</translation>
    </message>
    <message>
        <source>Recovering</source>
        <translation>복구 중</translation>
    </message>
    <message>
        <source>Migrating</source>
        <translation>마이그레이션 중</translation>
    </message>
    <message>
        <source>Relocating</source>
        <translation>재배치 중</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>비활성화됨</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>무시됨</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Being removed</source>
        <translation>제거 중</translation>
    </message>
    <message>
        <source>Guest not found</source>
        <translation>인스턴스를 찾을 수 없음</translation>
    </message>
    <message>
        <source>Clearing the error</source>
        <translation>오류 해제 중</translation>
    </message>
    <message>
        <source>HA disarmed</source>
        <translation>HA 해제됨(disarm)</translation>
    </message>
    <message>
        <source>HA keeps it running: if it stops, HA starts it again, on another node if its own fails.</source>
        <translation>HA가 실행 상태를 유지합니다: 멈추면 HA가 다시 시작하며, 노드에 장애가 나면 다른 노드에서 시작합니다.</translation>
    </message>
    <message>
        <source>HA keeps it stopped.</source>
        <translation>HA가 중지된 상태를 유지합니다.</translation>
    </message>
    <message>
        <source>HA is stopping it and waits for its node to confirm.</source>
        <translation>HA가 중지하는 중이며 노드의 확인을 기다립니다.</translation>
    </message>
    <message>
        <source>HA is about to start it.</source>
        <translation>HA가 곧 시작합니다.</translation>
    </message>
    <message>
        <source>HA moves it to a less busy node before starting it.</source>
        <translation>HA가 시작하기 전에 부하가 적은 노드로 옮깁니다.</translation>
    </message>
    <message>
        <source>HA is starting it.</source>
        <translation>HA가 시작하는 중입니다.</translation>
    </message>
    <message>
        <source>A stop was requested; the HA manager has not taken it yet.</source>
        <translation>중지가 요청되었으나 HA 관리자가 아직 처리하지 않았습니다.</translation>
    </message>
    <message>
        <source>HA leaves it as it is while its node reboots or the HA services restart.</source>
        <translation>노드가 재시작되거나 HA 서비스가 다시 시작되는 동안 HA가 현재 상태 그대로 둡니다.</translation>
    </message>
    <message>
        <source>Its node left the cluster: HA waits until the node is fenced, then starts the guest on another node.</source>
        <translation>노드가 클러스터에서 이탈했습니다: HA는 노드가 펜싱될 때까지 기다린 뒤 다른 노드에서 인스턴스를 시작합니다.</translation>
    </message>
    <message>
        <source>Its node was fenced: HA is looking for another node to start it on.</source>
        <translation>노드가 펜싱되었습니다: HA가 시작할 다른 노드를 찾고 있습니다.</translation>
    </message>
    <message>
        <source>HA is migrating it to another node while it runs.</source>
        <translation>HA가 실행 중인 상태로 다른 노드로 마이그레이션하는 중입니다.</translation>
    </message>
    <message>
        <source>HA is moving it to another node: stop, move, start.</source>
        <translation>HA가 다른 노드로 옮기는 중입니다: 중지, 이동, 시작.</translation>
    </message>
    <message>
        <source>HA could not start or stop it and no longer touches it. To clear the error: set its requested state to &quot;disabled&quot;, fix the cause, then request &quot;started&quot; again (Datacenter → HA in the Proxmox VE web interface).</source>
        <translation>HA가 시작하거나 중지하지 못해 더 이상 다루지 않습니다. 오류를 해제하려면 요청 상태를 &quot;disabled&quot;로 설정하고 원인을 해결한 뒤 다시 &quot;started&quot;를 요청하십시오(Proxmox VE 웹 인터페이스의 데이터센터 → HA).</translation>
    </message>
    <message>
        <source>Stopped and disabled in HA.</source>
        <translation>중지되었으며 HA에서 비활성화되었습니다.</translation>
    </message>
    <message>
        <source>HA ignores it for now: it is handled as if HA did not manage it.</source>
        <translation>HA가 당분간 무시합니다: HA가 관리하지 않는 것처럼 다룹니다.</translation>
    </message>
    <message>
        <source>Just added to HA: the HA manager has not handled it yet.</source>
        <translation>HA에 방금 추가되어 HA 관리자가 아직 처리하지 않았습니다.</translation>
    </message>
    <message>
        <source>It is being removed from HA.</source>
        <translation>HA에서 제거되는 중입니다.</translation>
    </message>
    <message>
        <source>HA has a resource for it, but no node of the cluster has the guest.</source>
        <translation>HA 리소스는 있지만 클러스터의 어느 노드에도 이 인스턴스가 없습니다.</translation>
    </message>
    <message>
        <source>Its requested state is &quot;disabled&quot;: HA clears the error on its next round.</source>
        <translation>요청 상태가 &quot;disabled&quot;입니다: HA가 다음 라운드에 오류를 해제합니다.</translation>
    </message>
    <message>
        <source>The HA stack is disarmed: HA does not act on any resource until it is armed again.</source>
        <translation>HA 스택이 해제(disarm)되었습니다: 다시 활성화(arm)될 때까지 HA는 어떤 리소스에도 작업하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>InstanceListPage</name>
    <message>
        <source>Guest counts</source>
        <translation>인스턴스 수</translation>
    </message>
    <message>
        <source>Search guests</source>
        <translation>인스턴스 검색</translation>
    </message>
    <message>
        <source>Search name, ID, tag, address or MAC</source>
        <translation>이름, ID, 태그, 주소 또는 MAC 검색</translation>
    </message>
    <message>
        <source>Words match name, ID or tag. Also: tag:prod node:pve1 cluster:seoul status:running type:ct pool:dev ha:yes; -word excludes; &quot;quoted values&quot;</source>
        <translation>단어는 이름, ID 또는 태그와 일치합니다. 또한: tag:prod node:pve1 cluster:seoul status:running type:ct pool:dev ha:yes; -단어는 제외; &quot;따옴표로 묶은 값&quot;</translation>
    </message>
    <message>
        <source>Node filter</source>
        <translation>노드 필터</translation>
    </message>
    <message>
        <source>Type filter</source>
        <translation>타입 필터</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>상태 필터</translation>
    </message>
    <message>
        <source>Cluster filter</source>
        <translation>클러스터 필터</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Guest columns</source>
        <translation>인스턴스 열</translation>
    </message>
    <message>
        <source>Actions ▾</source>
        <translation>작업 ▾</translation>
    </message>
    <message>
        <source>No guests match the filters.</source>
        <translation>필터에 맞는 인스턴스가 없습니다.</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>모든 노드</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>모든 클러스터</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>모든 유형</translation>
    </message>
    <message>
        <source>Virtual machines</source>
        <translation>가상 머신</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>Paused or halted</source>
        <translation>일시 정지 또는 멈춤</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>%1 running / %2 guests</source>
        <translation>실행 중 %1 / 인스턴스 %2</translation>
    </message>
    <message>
        <source>%1 running / %2 shown (of %3 guests)</source>
        <translation>실행 중 %1 / 표시 %2 (전체 %3)</translation>
    </message>
</context>
<context>
    <name>InstanceModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>디스크</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>가동 시간</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>잠금</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>HA</source>
        <translation>HA</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 주소</translation>
    </message>
    <message>
        <source>%1 vCPU</source>
        <translation>vCPU %1개</translation>
    </message>
    <message>
        <source>%1 % of %2 vCPU</source>
        <translation>vCPU %2개 중 %1%</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>Hibernated</source>
        <translation>최대 절전</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Asleep (S3)</source>
        <translation>절전 (S3)</translation>
    </message>
    <message>
        <source>Waiting to run (prelaunch)</source>
        <translation>실행 대기 중</translation>
    </message>
    <message>
        <source>Halted: disk I/O error</source>
        <translation>멈춤: 디스크 입출력 오류</translation>
    </message>
    <message>
        <source>Halted: QEMU internal error</source>
        <translation>멈춤: QEMU 내부 오류</translation>
    </message>
    <message>
        <source>Guest panicked</source>
        <translation>게스트 패닉</translation>
    </message>
    <message>
        <source>Powered off, QEMU still running</source>
        <translation>전원 꺼짐, QEMU는 아직 실행 중</translation>
    </message>
    <message>
        <source>Halted by a debugger</source>
        <translation>디버거에 의해 멈춤</translation>
    </message>
    <message>
        <source>Halted by its watchdog</source>
        <translation>워치독에 의해 멈춤</translation>
    </message>
    <message>
        <source>Receiving a migration</source>
        <translation>마이그레이션 수신 중</translation>
    </message>
    <message>
        <source>Halted after migration</source>
        <translation>마이그레이션 후 멈춤</translation>
    </message>
    <message>
        <source>Finishing a migration</source>
        <translation>마이그레이션 마무리 중</translation>
    </message>
    <message>
        <source>Saving its state</source>
        <translation>상태 저장 중</translation>
    </message>
    <message>
        <source>Restoring its state</source>
        <translation>상태 복원 중</translation>
    </message>
    <message>
        <source>Fault-tolerance sync (COLO)</source>
        <translation>장애 허용 동기화 (COLO)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>CT template</source>
        <translation>CT 템플릿</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>VM template</source>
        <translation>VM 템플릿</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>Locked by a running or interrupted job: %1. Most actions are blocked.</source>
        <translation>실행 중이거나 중단된 작업 때문에 잠김: %1. 대부분의 작업이 차단됩니다.</translation>
    </message>
    <message>
        <source>The node is offline or not reachable: the state of this guest is unknown.</source>
        <translation>노드가 오프라인이거나 연결할 수 없어 이 인스턴스의 상태를 알 수 없습니다.</translation>
    </message>
    <message>
        <source>Allocated size of the first disk</source>
        <translation>첫 번째 디스크의 할당 크기</translation>
    </message>
    <message>
        <source>HA resource %1: %2</source>
        <translation>HA 리소스 %1: %2</translation>
    </message>
    <message>
        <source>agent not running</source>
        <translation>에이전트 실행 안 됨</translation>
    </message>
    <message>
        <source>The QEMU guest agent is enabled but not running in the guest.</source>
        <translation>QEMU 게스트 에이전트가 활성화되어 있지만 게스트 안에서 실행되고 있지 않습니다.</translation>
    </message>
    <message>
        <source>agent not answering</source>
        <translation>에이전트 응답 없음</translation>
    </message>
    <message>
        <source>The guest agent does not answer; it is asked again later.</source>
        <translation>게스트 에이전트가 응답하지 않습니다. 나중에 다시 조회합니다.</translation>
    </message>
    <message>
        <source>no agent data</source>
        <translation>에이전트 정보 없음</translation>
    </message>
    <message>
        <source>The guest agent could not be asked: %1</source>
        <translation>게스트 에이전트를 조회할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The QEMU guest agent is not enabled in this VM&apos;s options.</source>
        <translation>이 VM의 옵션에서 QEMU 게스트 에이전트가 활성화되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Addresses: %1</source>
        <translation>주소: %1</translation>
    </message>
    <message>
        <source>Host name: %1</source>
        <translation>호스트 이름: %1</translation>
    </message>
    <message>
        <source>OS: %1</source>
        <translation>운영체제: %1</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>주소 없음</translation>
    </message>
</context>
<context>
    <name>IpConfigEditor</name>
    <message>
        <source>IP config (%1)</source>
        <translation>IP 설정 (%1)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation>DHCP</translation>
    </message>
    <message>
        <source>Static</source>
        <translation>고정</translation>
    </message>
    <message>
        <source>IPv4 of %1</source>
        <translation>%1 IPv4</translation>
    </message>
    <message>
        <source>IPv4 address of %1</source>
        <translation>%1 IPv4 주소</translation>
    </message>
    <message>
        <source>IPv4 gateway of %1</source>
        <translation>%1 IPv4 게이트웨이</translation>
    </message>
    <message>
        <source>SLAAC</source>
        <translation>SLAAC</translation>
    </message>
    <message>
        <source>IPv6 of %1</source>
        <translation>%1 IPv6</translation>
    </message>
    <message>
        <source>IPv6 address of %1</source>
        <translation>%1 IPv6 주소</translation>
    </message>
    <message>
        <source>IPv6 gateway of %1</source>
        <translation>%1 IPv6 게이트웨이</translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <source>IPv4/CIDR</source>
        <translation>IPv4/CIDR</translation>
    </message>
    <message>
        <source>Gateway (IPv4)</source>
        <translation>게이트웨이 (IPv4)</translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <source>IPv6/CIDR</source>
        <translation>IPv6/CIDR</translation>
    </message>
    <message>
        <source>Gateway (IPv6)</source>
        <translation>게이트웨이 (IPv6)</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>예: %1</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>The language changes the next time VirtOn Desktop starts.</source>
        <translation>언어는 VirtOn Desktop을 다음에 시작할 때 바뀝니다.</translation>
    </message>
</context>
<context>
    <name>LastKnownState</name>
    <message>
        <source>Changes since you last looked…</source>
        <translation>마지막으로 본 이후의 변경…</translation>
    </message>
    <message>
        <source>%1: showing the guest list as it was %2 ago, until the cluster answers. Actions wait until then.</source>
        <translation>%1: 클러스터가 응답할 때까지 %2 전의 인스턴스 목록을 보여 줍니다. 그때까지 작업은 할 수 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) since you last looked</source>
        <translation>
            <numerusform>마지막으로 본 이후 %n건 변경</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LifecycleActions</name>
    <message>
        <source>Clone…</source>
        <translation>복제…</translation>
    </message>
    <message>
        <source>Convert to template…</source>
        <translation>템플릿으로 변환…</translation>
    </message>
    <message>
        <source>The node %1 is offline or unreachable.</source>
        <translation>노드 %1이(가) 오프라인이거나 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is locked (%2): Proxmox VE clones it when the job has ended.</source>
        <translation>%1이(가) 잠겨 있습니다(%2). 작업이 끝나면 Proxmox VE가 복제할 수 있습니다.</translation>
    </message>
    <message>
        <source>Copy this guest under a new ID (full, or linked from a template)</source>
        <translation>이 인스턴스를 새 ID로 복사합니다(전체 복제, 또는 템플릿에서 연결 복제)</translation>
    </message>
    <message>
        <source>Turn this stopped guest into a template to clone guests from; cannot be undone</source>
        <translation>중지된 이 인스턴스를 복제용 템플릿으로 바꿉니다. 되돌릴 수 없습니다</translation>
    </message>
    <message>
        <source>%1 is locked (%2): wait for the job to end.</source>
        <translation>%1이(가) 잠겨 있습니다(%2). 작업이 끝날 때까지 기다리십시오.</translation>
    </message>
    <message>
        <source>%1 has snapshots: Proxmox VE converts only guests without snapshots. Delete them first.</source>
        <translation>%1에 스냅샷이 있습니다. Proxmox VE는 스냅샷이 없는 인스턴스만 변환합니다. 먼저 스냅샷을 삭제하십시오.</translation>
    </message>
    <message>
        <source>%1 is already a template.</source>
        <translation>%1은(는) 이미 템플릿입니다.</translation>
    </message>
    <message>
        <source>%1 is running: Proxmox VE converts only stopped guests. Shut it down first.</source>
        <translation>%1이(가) 실행 중입니다. Proxmox VE는 중지된 인스턴스만 변환합니다. 먼저 종료하십시오.</translation>
    </message>
    <message>
        <source>Cloned: guest %1 was created.</source>
        <translation>복제 완료: 인스턴스 %1이(가) 생성되었습니다.</translation>
    </message>
    <message>
        <source>Could not read the snapshots of %1: %2</source>
        <translation>%1의 스냅샷을 읽지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Converting %1 to a template failed: %2</source>
        <translation>%1을(를) 템플릿으로 변환하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Converting %1 to a template…</source>
        <translation>%1을(를) 템플릿으로 변환하는 중…</translation>
    </message>
    <message>
        <source>Converting %1 to a template; the list shows it when done.</source>
        <translation>%1을(를) 템플릿으로 변환하는 중입니다. 끝나면 목록에 표시됩니다.</translation>
    </message>
    <message>
        <source>%1 is now a template.</source>
        <translation>%1이(가) 템플릿이 되었습니다.</translation>
    </message>
    <message>
        <source>Convert %1 to a template?

This cannot be undone. Its disks become base images, which are read-only: the template can no longer be started or changed on disk, only cloned. Linked clones will depend on these base images.</source>
        <translation>%1을(를) 템플릿으로 변환하시겠습니까?

되돌릴 수 없습니다. 디스크는 읽기 전용 기본 이미지가 되어, 템플릿은 더 이상 시작하거나 디스크를 변경할 수 없고 복제만 할 수 있습니다. 연결 복제는 이 기본 이미지에 의존합니다.</translation>
    </message>
    <message>
        <source>Convert to template</source>
        <translation>템플릿으로 변환</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>VirtOn Desktop</source>
        <translation>VirtOn Desktop</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>섹션</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>백업</translation>
    </message>
    <message>
        <source>Clusters…</source>
        <translation>클러스터…</translation>
    </message>
    <message>
        <source>Saved clusters: connect, disconnect, edit</source>
        <translation>저장된 클러스터: 연결, 연결 해제, 편집</translation>
    </message>
    <message>
        <source>Quick connect…</source>
        <translation>빠른 연결…</translation>
    </message>
    <message>
        <source>Connect once to a cluster without saving a profile</source>
        <translation>프로필을 저장하지 않고 클러스터에 한 번 연결</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Create VM/CT…</source>
        <translation>VM/CT 생성…</translation>
    </message>
    <message>
        <source>Create a virtual machine or a container</source>
        <translation>가상 머신 또는 컨테이너 생성</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>콘솔</translation>
    </message>
    <message>
        <source>Open the guest&apos;s screen in its own window</source>
        <translation>인스턴스 화면을 별도의 창으로 열기</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Guest</source>
        <translation>인스턴스(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>About VirtOn Desktop</source>
        <translation>VirtOn Desktop 정보</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source>Cluster %1: %2</source>
        <translation>클러스터 %1: %2</translation>
    </message>
    <message>
        <source>Showing data from %1 ago; retrying automatically.</source>
        <translation>%1 전의 데이터를 표시하고 있습니다. 자동으로 다시 시도합니다.</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>지금 다시 시도</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n초</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n분</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>연결할 수 없음</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>연결 안 됨</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>닫힘</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>시작 중</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>연결 안 됨</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>상세 정보</translation>
    </message>
</context>
<context>
    <name>MemoryPage</name>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>RAM dedicated to the VM. At least 512 MiB is recommended.</source>
        <translation>VM이 사용할 전용 RAM입니다. 최소 512 MiB 이상을 권장합니다.</translation>
    </message>
    <message>
        <source>Ballooning: the host may reclaim unused memory</source>
        <translation>벌루닝: 호스트가 사용하지 않는 메모리를 회수할 수 있음</translation>
    </message>
    <message>
        <source>Ballooning</source>
        <translation>벌루닝</translation>
    </message>
    <message>
        <source>Minimum memory</source>
        <translation>최소 메모리</translation>
    </message>
    <message>
        <source>The guest never gets less than this.</source>
        <translation>인스턴스에 이보다 적은 메모리가 할당되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>메시지 닫기</translation>
    </message>
</context>
<context>
    <name>MigrateActions</name>
    <message>
        <source>Migrate…</source>
        <translation>마이그레이션…</translation>
    </message>
    <message>
        <source>Migrate all guests of node</source>
        <translation>노드의 모든 인스턴스 마이그레이션</translation>
    </message>
    <message>
        <source>Move the guest to another node of its cluster</source>
        <translation>인스턴스를 같은 클러스터의 다른 노드로 옮깁니다</translation>
    </message>
    <message>
        <source>Locked (%1) by a running or interrupted job: it cannot migrate now.</source>
        <translation>실행 중이거나 중단된 작업 때문에 잠겨 있습니다(%1). 지금은 마이그레이션할 수 없습니다.</translation>
    </message>
    <message>
        <source>Migrate all guests of node %1…</source>
        <translation>노드 %1의 모든 인스턴스 마이그레이션…</translation>
    </message>
    <message>
        <source>No cluster connected</source>
        <translation>연결된 클러스터 없음</translation>
    </message>
</context>
<context>
    <name>MigrateDialog</name>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>Migrate %1 %2</source>
        <translation>%1 %2 마이그레이션</translation>
    </message>
    <message>
        <source>Source node</source>
        <translation>원본 노드</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <source>Target node</source>
        <translation>대상 노드</translation>
    </message>
    <message>
        <source>Nodes not offered</source>
        <translation>선택할 수 없는 노드</translation>
    </message>
    <message>
        <source>Target storage</source>
        <translation>대상 스토리지</translation>
    </message>
    <message>
        <source>Target storage:</source>
        <translation>대상 스토리지:</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Shutdown timeout</source>
        <translation>종료 제한 시간</translation>
    </message>
    <message>
        <source>Shutdown timeout:</source>
        <translation>종료 제한 시간:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Migration progress</source>
        <translation>마이그레이션 진행률</translation>
    </message>
    <message>
        <source>Source node:</source>
        <translation>원본 노드:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>모드:</translation>
    </message>
    <message>
        <source>Target node:</source>
        <translation>대상 노드:</translation>
    </message>
    <message>
        <source>Migrate</source>
        <translation>마이그레이션</translation>
    </message>
    <message>
        <source>Asking Proxmox VE what a migration involves…</source>
        <translation>마이그레이션 조건을 Proxmox VE에 확인하는 중…</translation>
    </message>
    <message>
        <source>Proxmox VE refused the migration check: %1</source>
        <translation>Proxmox VE가 마이그레이션 확인을 거부했습니다: %1</translation>
    </message>
    <message>
        <source>Not offered: %1</source>
        <translation>선택 불가: %1</translation>
    </message>
    <message>
        <source>Current layout</source>
        <translation>현재 배치 유지</translation>
    </message>
    <message>
        <source>Start the migration</source>
        <translation>마이그레이션을 시작합니다</translation>
    </message>
    <message>
        <source>Starting the migration to %1…</source>
        <translation>%1(으)로 마이그레이션을 시작하는 중…</translation>
    </message>
    <message>
        <source>Where the local disks go on the target node</source>
        <translation>대상 노드에서 로컬 디스크를 둘 스토리지</translation>
    </message>
    <message>
        <source>Migrating to %1… (see the task panel)</source>
        <translation>%1(으)로 마이그레이션 중…(작업 내역 참조)</translation>
    </message>
    <message>
        <source>The migration did not start: %1</source>
        <translation>마이그레이션을 시작하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>The migration did not start: see the marked field.</source>
        <translation>마이그레이션을 시작하지 못했습니다. 표시된 항목을 확인하십시오.</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>%1: %p%</source>
        <translation>%1: %p%</translation>
    </message>
    <message>
        <source>HA accepted the request: the HA manager moves %1 to %2.</source>
        <translation>HA가 요청을 받았습니다. HA 관리자가 %1을(를) %2(으)로 옮깁니다.</translation>
    </message>
    <message>
        <source>Done: %1 is on %2 now.</source>
        <translation>완료: %1이(가) 이제 %2에 있습니다.</translation>
    </message>
    <message>
        <source>The migration failed: %1 (the task log has the details)</source>
        <translation>마이그레이션에 실패했습니다: %1(자세한 내용은 작업 로그 참조)</translation>
    </message>
</context>
<context>
    <name>MigrationTexts</name>
    <message>
        <source>Online (live, the VM keeps running)</source>
        <translation>온라인(라이브, VM이 계속 실행됨)</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Restart (shut down, move, start again)</source>
        <translation>재시작(종료 후 옮기고 다시 시작)</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>재시작</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>불가</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>참고</translation>
    </message>
    <message>
        <source>Cannot migrate with a local CD/DVD image (%1): eject it or use an ISO on shared storage.</source>
        <translation>로컬 CD/DVD 이미지(%1)가 있어 마이그레이션할 수 없습니다. 꺼내거나 공유 스토리지의 ISO를 사용하십시오.</translation>
    </message>
    <message>
        <source>Migration with local disk might take long: %1%2</source>
        <translation>로컬 디스크가 있어 마이그레이션이 오래 걸릴 수 있습니다: %1%2</translation>
    </message>
    <message>
        <source>Running VM with local disks (%1): allow copying local disks to migrate it.</source>
        <translation>로컬 디스크(%1)가 있는 실행 중인 VM입니다. 마이그레이션하려면 로컬 디스크 복사를 허용하십시오.</translation>
    </message>
    <message>
        <source>Storage(s) (%1) not available on the target node. Start the VM to use live storage migration, or choose another target node.</source>
        <translation>대상 노드에서 스토리지(%1)를 사용할 수 없습니다. 라이브 스토리지 마이그레이션을 하려면 VM을 시작하거나 다른 대상 노드를 선택하십시오.</translation>
    </message>
    <message>
        <source>Mapped resources (%1) not available on the target node.</source>
        <translation>대상 노드에서 매핑된 리소스(%1)를 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot migrate a VM with local resources: %1 (passthrough devices are tied to this node).</source>
        <translation>로컬 리소스가 있는 VM은 마이그레이션할 수 없습니다: %1(패스스루 장치는 이 노드에 묶여 있습니다).</translation>
    </message>
    <message>
        <source>Cannot migrate a running VM with mapped resources: %1</source>
        <translation>매핑된 리소스가 있는 실행 중인 VM은 마이그레이션할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Live-migrating a running VM with mapped resources (experimental): %1</source>
        <translation>매핑된 리소스가 있는 실행 중인 VM을 라이브 마이그레이션합니다(실험적 기능): %1</translation>
    </message>
    <message>
        <source>HA resource %1 has a positive affinity to this guest and is migrated to the target node too.</source>
        <translation>HA 리소스 %1은(는) 이 인스턴스와 양의 선호도를 가지므로 대상 노드로 함께 마이그레이션됩니다.</translation>
    </message>
    <message>
        <source>%1 is managed by HA: the HA manager migrates it (a hamigrate task).</source>
        <translation>%1은(는) HA가 관리합니다. HA 관리자가 마이그레이션합니다(hamigrate 작업).</translation>
    </message>
    <message>
        <source>Node %1 is offline.</source>
        <translation>노드 %1이(가) 오프라인입니다.</translation>
    </message>
    <message>
        <source>Already on %1.</source>
        <translation>이미 %1에 있습니다.</translation>
    </message>
    <message>
        <source>Choose a target node.</source>
        <translation>대상 노드를 선택하십시오.</translation>
    </message>
    <message>
        <source>HA resource %1 has a negative affinity to this guest on the target node.</source>
        <translation>HA 리소스 %1이(가) 대상 노드에서 이 인스턴스와 음의 선호도를 가집니다.</translation>
    </message>
    <message>
        <source>HA resource %1 is not allowed on the target node.</source>
        <translation>HA 리소스 %1은(는) 대상 노드에서 허용되지 않습니다.</translation>
    </message>
    <message>
        <source>HA resource %1 blocks the target node.</source>
        <translation>HA 리소스 %1 때문에 대상 노드를 사용할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>MountList</name>
    <message>
        <source>Another mount point already uses %1.</source>
        <translation>다른 마운트 포인트가 이미 %1을(를) 사용하고 있습니다.</translation>
    </message>
</context>
<context>
    <name>MountRow</name>
    <message>
        <source>Path in the container</source>
        <translation>컨테이너 내부 경로</translation>
    </message>
</context>
<context>
    <name>NicPage</name>
    <message>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>This node has no bridge. Create one in PVE: node &gt; System &gt; Network.</source>
        <translation>이 노드에는 브리지가 없습니다. PVE에서 생성하십시오: 노드 &gt; 시스템 &gt; 네트워크.</translation>
    </message>
</context>
<context>
    <name>NicRow</name>
    <message>
        <source>Bridge</source>
        <translation>브리지</translation>
    </message>
    <message>
        <source>VLAN tag</source>
        <translation>VLAN 태그</translation>
    </message>
    <message>
        <source>Firewall</source>
        <translation>방화벽</translation>
    </message>
</context>
<context>
    <name>NotesDialog</name>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>NoticeList</name>
    <message>
        <source>What Proxmox VE says about this migration</source>
        <translation>이 마이그레이션에 대한 Proxmox VE의 확인 결과</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>%1 on cluster %2</source>
        <translation>%2 클러스터의 %1</translation>
    </message>
    <message>
        <source>On cluster %1</source>
        <translation>%1 클러스터</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>알 수 없는 오류</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 실패</translation>
    </message>
    <message>
        <source>%1 finished with warnings</source>
        <translation>%1 완료 (경고 있음)</translation>
    </message>
    <message>
        <source>%1 finished</source>
        <translation>%1 완료</translation>
    </message>
</context>
<context>
    <name>OsPage</name>
    <message>
        <source>Operating system</source>
        <translation>운영체제</translation>
    </message>
    <message>
        <source>The installation medium and the kind of system, which sets optimised defaults.</source>
        <translation>설치 미디어와 시스템 종류입니다. 이에 따라 최적화된 기본값이 설정됩니다.</translation>
    </message>
    <message>
        <source>ISO image</source>
        <translation>ISO 이미지</translation>
    </message>
    <message>
        <source>OS type</source>
        <translation>OS 타입</translation>
    </message>
    <message>
        <source>Picking an OS type sets the defaults PVE recommends for it (firmware, machine, disk bus, network model); fields you changed keep your choice.</source>
        <translation>OS 유형을 고르면 PVE가 그 OS에 권장하는 기본값(펌웨어, 머신, 디스크 버스, 네트워크 모델)이 적용됩니다. 직접 바꾼 항목은 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>SeaBIOS (default)</source>
        <translation>SeaBIOS (기본값)</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>펌웨어</translation>
    </message>
    <message>
        <source>i440fx (default)</source>
        <translation>i440fx (기본값)</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>머신</translation>
    </message>
    <message>
        <source>Add an EFI disk (UEFI settings and Secure Boot keys)</source>
        <translation>EFI 디스크 추가 (UEFI 설정과 보안 부팅 키)</translation>
    </message>
    <message>
        <source>EFI disk</source>
        <translation>EFI 디스크</translation>
    </message>
    <message>
        <source>Add a TPM 2.0 (Windows 11 requires one)</source>
        <translation>TPM 2.0 추가 (Windows 11에 필요)</translation>
    </message>
    <message>
        <source>TPM</source>
        <translation>TPM</translation>
    </message>
    <message>
        <source>No media (install from the network or add one later)</source>
        <translation>미디어 없음 (네트워크로 설치하거나 나중에 추가)</translation>
    </message>
    <message>
        <source>No ISO images on this node&apos;s storages. Upload one in PVE: Storage &gt; ISO Images.</source>
        <translation>이 노드의 스토리지에 ISO 이미지가 없습니다. PVE에서 업로드하십시오: 스토리지 &gt; ISO 이미지.</translation>
    </message>
    <message>
        <source>Installation images on this node&apos;s storages.</source>
        <translation>이 노드의 스토리지에 있는 설치 이미지입니다.</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Palette query</source>
        <translation>팔레트 검색어</translation>
    </message>
    <message>
        <source>Guests or an action: shutdown tag:prod status:running cluster:seoul</source>
        <translation>인스턴스 또는 작업: shutdown tag:prod status:running cluster:seoul</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Matching guests</source>
        <translation>일치하는 인스턴스</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Tab: actions / guests · Enter: run · Esc: close</source>
        <translation>Tab: 작업 / 인스턴스 · Enter: 실행 · Esc: 닫기</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Shut down</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>재시작</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Open the console</source>
        <translation>콘솔 열기</translation>
    </message>
    <message>
        <source>Go to the backups</source>
        <translation>백업으로 이동</translation>
    </message>
    <message>
        <source>Migrate…</source>
        <translation>마이그레이션…</translation>
    </message>
    <message>
        <source>Show the details</source>
        <translation>상세 정보 보기</translation>
    </message>
    <message>
        <source>&quot;%1:&quot; is no qualifier (tag, node, cluster, status, type, pool, ha, ip): searched as a word</source>
        <translation>&quot;%1:&quot;은(는) 한정자(tag, node, cluster, status, type, pool, ha, ip)가 아니므로 단어로 검색합니다</translation>
    </message>
    <message>
        <source>A quote is not closed: it runs to the end</source>
        <translation>따옴표가 닫히지 않아 끝까지 이어집니다</translation>
    </message>
    <message>
        <source>IP addresses need the guest agent data</source>
        <translation>IP 주소를 찾으려면 게스트 에이전트 데이터가 필요합니다</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n개 더</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>인스턴스 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 of %3 guests)</source>
        <translation>%1 (인스턴스 %3개 중 %2개)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>PaletteActions</name>
    <message numerus="yes">
        <source>%1: %n guest(s)</source>
        <translation>
            <numerusform>%1: 인스턴스 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %n guest(s)?</source>
        <translation>
            <numerusform>인스턴스 %n개를 %1하시겠습니까?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PermissionCheckDialog</name>
    <message>
        <source>Permissions on %1</source>
        <translation>%1의 권한</translation>
    </message>
    <message>
        <source>Features and privileges</source>
        <translation>기능과 권한</translation>
    </message>
    <message>
        <source>Grant on path</source>
        <translation>권한을 부여할 경로</translation>
    </message>
    <message>
        <source>pveum commands</source>
        <translation>pveum 명령</translation>
    </message>
    <message>
        <source>Copy commands</source>
        <translation>명령 복사</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>다시 확인</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Grant on</source>
        <translation>부여 경로</translation>
    </message>
    <message>
        <source>An administrator can give this login what it lacks with a role of exactly these privileges (run on any node, as root):</source>
        <translation>관리자는 정확히 다음 권한만 가진 역할로 이 로그인에 부족한 권한을 부여할 수 있습니다(아무 노드에서나 root로 실행):</translation>
    </message>
    <message>
        <source>Logged in with the API token %1 of the user %2.</source>
        <translation>사용자 %2의 API 토큰 %1(으)로 로그인했습니다.</translation>
    </message>
    <message>
        <source>An API token with privilege separation (PVE&apos;s default) holds a privilege only where both the token&apos;s own permissions and its user&apos;s grant it: the intersection of the two. A token without privilege separation holds exactly its user&apos;s privileges. An empty list usually means the token has no permissions of its own yet.</source>
        <translation>권한 분리(PVE 기본값)가 켜진 API 토큰은 토큰 자신의 권한과 그 사용자의 권한이 모두 허용하는 곳에서만 권한을 가집니다. 즉 둘의 교집합입니다. 권한 분리가 꺼진 토큰은 사용자의 권한을 그대로 가집니다. 목록이 비어 있다면 대개 토큰에 아직 자신의 권한이 없다는 뜻입니다.</translation>
    </message>
    <message>
        <source>Logged in as %1.</source>
        <translation>%1(으)로 로그인했습니다.</translation>
    </message>
    <message>
        <source>root@pam holds every privilege everywhere.</source>
        <translation>root@pam은 모든 곳에서 모든 권한을 가집니다.</translation>
    </message>
    <message>
        <source>PVE has not answered the permission query yet: until it does, nothing is disabled.</source>
        <translation>PVE가 아직 권한 조회에 응답하지 않았습니다. 응답이 올 때까지 아무것도 비활성화하지 않습니다.</translation>
    </message>
    <message>
        <source>&quot;Allowed on some&quot;: only on some guests or storages, e.g. those of a pool.</source>
        <translation>&quot;일부 허용&quot;: 풀에 속한 것처럼 일부 인스턴스나 스토리지에서만 허용됩니다.</translation>
    </message>
    <message>
        <source>Nothing is missing.</source>
        <translation>부족한 권한이 없습니다.</translation>
    </message>
    <message>
        <source>These commands grant: %1.</source>
        <translation>이 명령이 부여하는 기능: %1</translation>
    </message>
</context>
<context>
    <name>PermissionGate</name>
    <message>
        <source>one of %1</source>
        <translation>%1 중 하나</translation>
    </message>
    <message>
        <source>You lack %1 on %2 (or its pool)</source>
        <translation>%2(또는 그 풀)에 대한 %1 권한이 없습니다</translation>
    </message>
    <message>
        <source>You lack %1 on every guest and pool (%2)</source>
        <translation>모든 인스턴스와 풀에 대해 %1 권한이 없습니다(%2)</translation>
    </message>
    <message>
        <source>You lack %1 on every storage (%2)</source>
        <translation>모든 스토리지에 대해 %1 권한이 없습니다(%2)</translation>
    </message>
    <message>
        <source>You lack %1 on %2</source>
        <translation>%2에 대한 %1 권한이 없습니다</translation>
    </message>
</context>
<context>
    <name>PermissionHint</name>
    <message>
        <source>%1: the API token %2 may not see any guest (it holds VM.Audit nowhere). With privilege separation a token needs its own permissions, and gets only those its user also has.</source>
        <translation>%1: API 토큰 %2은(는) 어떤 인스턴스도 볼 수 없습니다(어디에도 VM.Audit 권한이 없음). 권한 분리가 켜진 토큰은 자신의 권한이 필요하며, 그중 사용자도 가진 권한만 얻습니다.</translation>
    </message>
    <message>
        <source>%1: the user %2 may not see any guest (VM.Audit is missing on every guest), so the list is empty although the cluster may have guests.</source>
        <translation>%1: 사용자 %2은(는) 어떤 인스턴스도 볼 수 없습니다(모든 인스턴스에 VM.Audit 권한이 없음). 그래서 클러스터에 인스턴스가 있어도 목록이 비어 있습니다.</translation>
    </message>
    <message>
        <source>Check permissions…</source>
        <translation>권한 확인…</translation>
    </message>
    <message>
        <source>%1: PVE lists no cluster tasks for the API token %2 without Sys.Audit on /; tasks started here are still followed.</source>
        <translation>%1: PVE는 / 경로에 Sys.Audit 권한이 없는 API 토큰 %2에게 클러스터 작업을 보여 주지 않습니다. 여기서 시작한 작업은 계속 추적합니다.</translation>
    </message>
    <message>
        <source>%1: only the tasks of %2 are listed (everyone&apos;s need Sys.Audit on /).</source>
        <translation>%1: %2의 작업만 표시됩니다(모든 사용자의 작업을 보려면 / 경로에 Sys.Audit 권한이 필요합니다).</translation>
    </message>
</context>
<context>
    <name>PermissionRows</name>
    <message>
        <source>See guests in the list</source>
        <translation>목록에서 인스턴스 보기</translation>
    </message>
    <message>
        <source>Start, stop, shut down, reboot</source>
        <translation>시작, 중지, 종료, 재시작</translation>
    </message>
    <message>
        <source>Open consoles</source>
        <translation>콘솔 열기</translation>
    </message>
    <message>
        <source>Change guest settings</source>
        <translation>인스턴스 설정 변경</translation>
    </message>
    <message>
        <source>Edit guest tags</source>
        <translation>인스턴스 태그 편집</translation>
    </message>
    <message>
        <source>Edit cloud-init</source>
        <translation>Cloud-init 편집</translation>
    </message>
    <message>
        <source>Regenerate cloud-init images</source>
        <translation>Cloud-init 이미지 다시 생성</translation>
    </message>
    <message>
        <source>Add cloud-init drives</source>
        <translation>Cloud-init 드라이브 추가</translation>
    </message>
    <message>
        <source>Take and delete snapshots</source>
        <translation>스냅샷 생성과 삭제</translation>
    </message>
    <message>
        <source>Roll back to a snapshot</source>
        <translation>스냅샷으로 롤백</translation>
    </message>
    <message>
        <source>Back up guests</source>
        <translation>인스턴스 백업</translation>
    </message>
    <message>
        <source>Restore backups</source>
        <translation>백업 복원</translation>
    </message>
    <message>
        <source>Create guests</source>
        <translation>인스턴스 생성</translation>
    </message>
    <message>
        <source>Delete guests</source>
        <translation>인스턴스 삭제</translation>
    </message>
    <message>
        <source>Clone guests</source>
        <translation>인스턴스 복제</translation>
    </message>
    <message>
        <source>Convert guests to templates</source>
        <translation>인스턴스를 템플릿으로 변환</translation>
    </message>
    <message>
        <source>Migrate guests to another node</source>
        <translation>인스턴스를 다른 노드로 마이그레이션</translation>
    </message>
    <message>
        <source>See storage contents</source>
        <translation>스토리지 내용 보기</translation>
    </message>
    <message>
        <source>See other users&apos; tasks</source>
        <translation>다른 사용자의 작업 보기</translation>
    </message>
    <message>
        <source>Migrate guests to another cluster</source>
        <translation>다른 클러스터로 인스턴스 마이그레이션</translation>
    </message>
    <message>
        <source>Open a node&apos;s shell</source>
        <translation>노드 셸 열기</translation>
    </message>
    <message>
        <source>Manage HA resources</source>
        <translation>HA 리소스 관리</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>허용</translation>
    </message>
    <message>
        <source>Allowed on some</source>
        <translation>일부 허용</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>%1* (any one)</source>
        <translation>%1* (하나 이상)</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 또는 </translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>기능</translation>
    </message>
    <message>
        <source>Privilege</source>
        <translation>권한</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Any one of these privileges is enough: %1</source>
        <translation>다음 권한 중 하나만 있으면 됩니다: %1</translation>
    </message>
</context>
<context>
    <name>PoolCombo</name>
    <message>
        <source>Resource pool</source>
        <translation>리소스 풀</translation>
    </message>
    <message>
        <source>No pool</source>
        <translation>풀 없음</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Loading the pools…</source>
        <translation>풀 목록을 불러오는 중…</translation>
    </message>
    <message>
        <source>Could not load the pools: %1</source>
        <translation>풀 목록을 불러오지 못했습니다: %1</translation>
    </message>
    <message>
        <source>You may create guests only in a pool where you hold VM.Allocate: choose one (without one the server refuses with 403).</source>
        <translation>VM.Allocate 권한이 있는 풀에서만 인스턴스를 만들 수 있습니다. 풀을 선택하십시오(선택하지 않으면 서버가 403으로 거부합니다).</translation>
    </message>
    <message>
        <source>You hold VM.Allocate on no pool you can see: the server will refuse the guest.</source>
        <translation>볼 수 있는 풀 중 VM.Allocate 권한이 있는 풀이 없습니다. 서버가 인스턴스 생성을 거부합니다.</translation>
    </message>
    <message>
        <source>You lack VM.Allocate on /pool/%1: choose another pool.</source>
        <translation>/pool/%1에 대한 VM.Allocate 권한이 없습니다. 다른 풀을 선택하십시오.</translation>
    </message>
    <message>
        <source>Required: you may create guests only in a pool where you hold VM.Allocate.</source>
        <translation>필수: VM.Allocate 권한이 있는 풀에서만 인스턴스를 만들 수 있습니다.</translation>
    </message>
    <message>
        <source>Optional: the guest is added to this pool, and the pool&apos;s permissions apply to it.</source>
        <translation>선택 사항: 인스턴스가 이 풀에 추가되고 풀의 권한이 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>ProfileManager</name>
    <message>
        <source>Clusters</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Cluster profiles</source>
        <translation>클러스터 프로필</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>프로필 이름</translation>
    </message>
    <message>
        <source>e.g. Production</source>
        <translation>예: 운영</translation>
    </message>
    <message>
        <source>Node addresses</source>
        <translation>노드 주소</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Realm</source>
        <translation>영역</translation>
    </message>
    <message>
        <source>Token ID</source>
        <translation>토큰 ID</translation>
    </message>
    <message>
        <source>Password or token secret</source>
        <translation>비밀번호 또는 토큰 시크릿</translation>
    </message>
    <message>
        <source>Remember in the system keyring</source>
        <translation>시스템 키링에 기억</translation>
    </message>
    <message>
        <source>No system keyring is available: secrets are kept in memory until you quit, never in a file.</source>
        <translation>사용할 수 있는 시스템 키링이 없습니다. 비밀 정보는 종료할 때까지 메모리에만 보관되며 파일에는 절대 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>색상</translation>
    </message>
    <message>
        <source>Connect when VirtOn Desktop starts</source>
        <translation>VirtOn Desktop 시작 시 연결</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Log in with</source>
        <translation>로그인 방식</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>비밀 정보</translation>
    </message>
    <message>
        <source>New</source>
        <translation>새로 만들기</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>가져오기…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>연결 해제</translation>
    </message>
    <message>
        <source>Permissions…</source>
        <translation>권한…</translation>
    </message>
    <message>
        <source>What this login may do on the cluster, and how to grant more</source>
        <translation>이 로그인이 클러스터에서 할 수 있는 일과 권한을 더 부여하는 방법</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>%1 (connected)</source>
        <translation>%1 (연결됨)</translation>
    </message>
    <message>
        <source>kept (leave empty to keep it)</source>
        <translation>저장됨 (유지하려면 비워 두십시오)</translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation>프로필 이름을 입력하십시오.</translation>
    </message>
    <message>
        <source>Enter at least one node address.</source>
        <translation>노드 주소를 하나 이상 입력하십시오.</translation>
    </message>
    <message>
        <source>Not an address: %1</source>
        <translation>올바른 주소가 아닙니다: %1</translation>
    </message>
    <message>
        <source>Enter the token ID (the part after !).</source>
        <translation>토큰 ID를 입력하십시오 (! 뒤의 부분).</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <source>Export profiles</source>
        <translation>프로필 내보내기</translation>
    </message>
    <message>
        <source>Profiles (*.json)</source>
        <translation>프로필 (*.json)</translation>
    </message>
    <message>
        <source>Could not export to %1: %2</source>
        <translation>%1(으)로 내보내지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Exported to %1 (without passwords or secrets).</source>
        <translation>%1(으)로 내보냈습니다 (비밀번호와 비밀 정보 제외).</translation>
    </message>
    <message>
        <source>Import profiles</source>
        <translation>프로필 가져오기</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1을(를) 가져오지 못했습니다: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n profile(s).</source>
        <translation>
            <numerusform>프로필 %n개를 가져왔습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PveError</name>
    <message>
        <source>This account uses two-factor authentication. Enter the code from your authenticator app.</source>
        <translation>이 계정은 2단계 인증을 사용합니다. 인증 앱의 코드를 입력하십시오.</translation>
    </message>
    <message>
        <source>Login failed: the user name, realm or password (or API token) is wrong. Check them and try again.</source>
        <translation>로그인 실패: 사용자 이름, 영역, 비밀번호(또는 API 토큰)가 올바르지 않습니다. 확인 후 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>Your session with the cluster has expired. Log in again; your windows stay open.</source>
        <translation>클러스터 세션이 만료되었습니다. 다시 로그인하십시오. 열려 있는 창은 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>Permission denied: %1
Ask the cluster administrator for the missing privilege.</source>
        <translation>권한 없음: %1
클러스터 관리자에게 필요한 권한을 요청하십시오.</translation>
    </message>
    <message>
        <source>The guest is locked (%1): another job is working on it. Wait for that task to finish, then try again.</source>
        <translation>인스턴스가 잠겨 있습니다 (%1). 다른 작업이 진행 중입니다. 해당 작업이 끝난 후 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>The guest&apos;s configuration is busy with another task. Try again when that task has finished.</source>
        <translation>다른 작업이 인스턴스 설정을 사용하고 있습니다. 해당 작업이 끝나면 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>The cluster has lost quorum, so it refuses changes. Bring the missing nodes back online, then try again.</source>
        <translation>클러스터가 쿼럼을 잃어 변경을 거부합니다. 빠진 노드를 다시 온라인으로 만든 후 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>Not found: %1
It may have been removed or moved to another node. The list refreshes by itself.</source>
        <translation>찾을 수 없음: %1
제거되었거나 다른 노드로 이동했을 수 있습니다. 목록은 자동으로 새로 고쳐집니다.</translation>
    </message>
    <message>
        <source>The server refused the values: %1
%2</source>
        <translation>서버가 입력값을 거부했습니다: %1
%2</translation>
    </message>
    <message>
        <source>The node is offline or unreachable from the cluster (%1). Its guests cannot be changed until it is back.</source>
        <translation>노드가 오프라인이거나 클러스터에서 연결할 수 없습니다 (%1). 노드가 돌아올 때까지 해당 인스턴스를 변경할 수 없습니다.</translation>
    </message>
    <message>
        <source>The server did not answer in time. The cluster may be overloaded or the network slow; try again.</source>
        <translation>서버가 제때 응답하지 않았습니다. 클러스터가 과부하 상태이거나 네트워크가 느릴 수 있습니다. 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>Cancelled before the server answered. A change may still have been made: the list shows the guest as it is.</source>
        <translation>서버가 응답하기 전에 취소했습니다. 변경이 이미 적용되었을 수 있습니다. 목록에서 인스턴스의 현재 상태를 확인하세요.</translation>
    </message>
    <message>
        <source>The certificate of %1 has changed.
Expected: %2
Presented: %3
This can mean someone is intercepting the connection. Connect only if you know the certificate was renewed.</source>
        <translation>%1의 인증서가 변경되었습니다.
예상: %2
제시됨: %3
누군가 연결을 가로채고 있을 수 있습니다. 인증서가 갱신된 것을 알고 있을 때만 연결하십시오.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not signed by a trusted authority.
SHA-256 fingerprint: %2
Compare it with the one shown on the node (Datacenter &gt; node &gt; Certificates) before trusting it.</source>
        <translation>%1의 인증서는 신뢰할 수 있는 기관이 서명하지 않았습니다.
SHA-256 지문: %2
신뢰하기 전에 노드에 표시된 지문(데이터센터 &gt; 노드 &gt; 인증서)과 비교하십시오.</translation>
    </message>
    <message>
        <source>A secure connection to %1 could not be set up: %2</source>
        <translation>%1에 대한 보안 연결을 설정하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1
Check the address, port (usually 8006) and your network.</source>
        <translation>서버에 연결할 수 없습니다: %1
주소, 포트(보통 8006), 네트워크를 확인하십시오.</translation>
    </message>
    <message>
        <source>The configuration was changed by someone else since you opened it, so nothing was saved. Your input is kept: reload to see the current values, then apply your changes again.</source>
        <translation>설정을 연 이후 다른 사람이 설정을 변경하여 아무것도 저장하지 않았습니다. 입력한 내용은 유지됩니다. 다시 불러와 현재 값을 확인한 후 변경 사항을 다시 적용하십시오.</translation>
    </message>
    <message>
        <source>Something other than Proxmox VE answered at this address (%1): often a proxy, a captive portal or a login page of the network. Check the address and port (usually 8006), or log in to the network first.</source>
        <translation>이 주소에서 Proxmox VE가 아닌 다른 것이 응답했습니다 (%1). 대개 프록시, 종속 포털(captive portal) 또는 네트워크 로그인 페이지입니다. 주소와 포트(보통 8006)를 확인하거나 먼저 네트워크에 로그인하십시오.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to %1 is not what Proxmox VE sends (%2). Check that the address leads to a Proxmox VE node, not to a proxy or login portal, and try again.</source>
        <translation>%1에 대한 서버 응답이 Proxmox VE의 응답 형식이 아닙니다 (%2). 주소가 프록시나 로그인 포털이 아닌 Proxmox VE 노드를 가리키는지 확인한 후 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>The task failed: %1</source>
        <translation>작업 실패: %1</translation>
    </message>
    <message>
        <source>The server reported an error: %1</source>
        <translation>서버가 오류를 보고했습니다: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>예기치 않은 오류: %1</translation>
    </message>
    <message>
        <source>This account&apos;s second factor is a security key (WebAuthn or U2F), which only a web browser can use.</source>
        <translation>이 계정의 2단계 인증 수단은 보안 키(WebAuthn 또는 U2F)이며, 웹 브라우저에서만 사용할 수 있습니다.</translation>
    </message>
    <message>
        <source>This account has no second factor left that can be entered here (every recovery key has been used).</source>
        <translation>이 계정에는 여기에서 입력할 수 있는 2단계 인증 수단이 남아 있지 않습니다(복구 키를 모두 사용했습니다).</translation>
    </message>
    <message>
        <source>Connect VirtOn with an API token instead: in the Proxmox web interface open Datacenter &gt; Permissions &gt; API Tokens &gt; Add (or run `pveum user token add %1 virton` on a node), give the token the roles it needs, and choose &quot;API token&quot; in VirtOn&apos;s connection.</source>
        <translation>대신 API 토큰으로 VirtOn을 연결하십시오. Proxmox 웹 인터페이스에서 데이터센터 &gt; 권한 &gt; API 토큰 &gt; 추가를 여십시오(또는 노드에서 `pveum user token add %1 virton` 실행). 토큰에 필요한 역할을 부여한 다음 VirtOn 연결에서 &quot;API 토큰&quot;을 선택하십시오.</translation>
    </message>
</context>
<context>
    <name>RemoteMigrateDialog</name>
    <message>
        <source>Migrate %1 to another cluster</source>
        <translation>%1을(를) 다른 클러스터로 마이그레이션</translation>
    </message>
    <message>
        <source>Migrate to another cluster</source>
        <translation>다른 클러스터로 마이그레이션</translation>
    </message>
    <message>
        <source>%1 moves from cluster %2 to another cluster connected here: its disks are copied to the target&apos;s storages and its network cards put on the target&apos;s bridges.</source>
        <translation>%1: 클러스터 %2에서 여기에 연결된 다른 클러스터로 이동합니다. 디스크는 대상의 스토리지로 복사되고 네트워크 카드는 대상의 브리지에 연결됩니다.</translation>
    </message>
    <message>
        <source>Proxmox VE marks migration between clusters as experimental (qm remote-migrate). The target needs an API token with Sys.Incoming on /; the source login needs VM.Migrate on this guest.</source>
        <translation>Proxmox VE는 클러스터 간 마이그레이션을 실험적 기능으로 표시합니다 (qm remote-migrate). 대상에는 / 경로에 Sys.Incoming 권한이 있는 API 토큰이 필요하고, 원본 로그인에는 이 인스턴스에 대한 VM.Migrate 권한이 필요합니다.</translation>
    </message>
    <message>
        <source>What keeps this guest from migrating</source>
        <translation>이 인스턴스를 마이그레이션할 수 없는 이유</translation>
    </message>
    <message>
        <source>Target cluster</source>
        <translation>대상 클러스터</translation>
    </message>
    <message>
        <source>Target cluster:</source>
        <translation>대상 클러스터:</translation>
    </message>
    <message>
        <source>Target node</source>
        <translation>대상 노드</translation>
    </message>
    <message>
        <source>Target node:</source>
        <translation>대상 노드:</translation>
    </message>
    <message>
        <source>Target VM ID</source>
        <translation>대상 VM ID</translation>
    </message>
    <message>
        <source>VM ID on the target:</source>
        <translation>대상의 VM ID:</translation>
    </message>
    <message>
        <source>Target certificate</source>
        <translation>대상 인증서</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>인증서:</translation>
    </message>
    <message>
        <source>Disks: storage on the target</source>
        <translation>디스크: 대상의 스토리지</translation>
    </message>
    <message>
        <source>Network: bridge on the target</source>
        <translation>네트워크: 대상의 브리지</translation>
    </message>
    <message>
        <source>Restart mode: shut down here, start on the target</source>
        <translation>재시작 모드: 여기에서 종료하고 대상에서 시작</translation>
    </message>
    <message>
        <source>Live migration: the VM keeps running</source>
        <translation>라이브 마이그레이션: VM이 계속 실행됩니다</translation>
    </message>
    <message>
        <source>The guest is stopped: it is migrated offline.</source>
        <translation>인스턴스가 중지되어 있으므로 오프라인으로 마이그레이션합니다.</translation>
    </message>
    <message>
        <source>Delete the guest here after a successful migration</source>
        <translation>마이그레이션이 성공하면 여기의 인스턴스 삭제</translation>
    </message>
    <message>
        <source>Otherwise Proxmox VE keeps it on this cluster, stopped and locked (lock: migrate).</source>
        <translation>선택하지 않으면 Proxmox VE는 인스턴스를 이 클러스터에 중지되고 잠긴 상태(lock: migrate)로 남겨 둡니다.</translation>
    </message>
    <message>
        <source>Why the migration did not start</source>
        <translation>마이그레이션이 시작되지 않은 이유</translation>
    </message>
    <message>
        <source>&amp;Migrate</source>
        <translation>마이그레이션(&amp;M)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>No other cluster is online here: connect the target cluster first.</source>
        <translation>온라인 상태인 다른 클러스터가 없습니다. 먼저 대상 클러스터에 연결하십시오.</translation>
    </message>
    <message>
        <source>Reading the guest&apos;s configuration…</source>
        <translation>인스턴스 설정을 읽는 중…</translation>
    </message>
    <message>
        <source>not pinned: the target&apos;s certificate must be valid for the system&apos;s CAs</source>
        <translation>고정되지 않음: 대상의 인증서가 시스템 CA로 검증되어야 합니다</translation>
    </message>
    <message>
        <source>The target cluster did not say which node answers at its address.</source>
        <translation>대상 클러스터가 해당 주소에서 응답하는 노드를 알려 주지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 (the node answering at the target&apos;s address)</source>
        <translation>%1 (대상 주소에서 응답하는 노드)</translation>
    </message>
    <message>
        <source>Target for %1</source>
        <translation>%1의 대상</translation>
    </message>
    <message>
        <source>%1 (%2):</source>
        <translation>%1 (%2):</translation>
    </message>
    <message>
        <source>A running container moves only in restart mode; shut it down for an offline migration.</source>
        <translation>실행 중인 컨테이너는 재시작 모드로만 이동합니다. 오프라인 마이그레이션을 하려면 먼저 종료하십시오.</translation>
    </message>
    <message>
        <source>A running VM moves only live; shut it down for an offline migration.</source>
        <translation>실행 중인 VM은 라이브로만 이동합니다. 오프라인 마이그레이션을 하려면 먼저 종료하십시오.</translation>
    </message>
    <message>
        <source>These values cannot be sent: %1</source>
        <translation>이 값은 보낼 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Asking the source cluster to start the migration…</source>
        <translation>원본 클러스터에 마이그레이션 시작을 요청하는 중…</translation>
    </message>
</context>
<context>
    <name>RemoteMigrateEntry</name>
    <message>
        <source>Migrate to another cluster…</source>
        <translation>다른 클러스터로 마이그레이션…</translation>
    </message>
    <message>
        <source>Proxmox VE does not migrate a locked or HA-managed guest to another cluster.</source>
        <translation>Proxmox VE는 잠금 상태이거나 HA로 관리되는 인스턴스를 다른 클러스터로 마이그레이션하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>RemoteMigration</name>
    <message>
        <source>A token id looks like user@realm!name.</source>
        <translation>토큰 ID는 user@realm!name 형식입니다.</translation>
    </message>
    <message>
        <source>The token secret is the UUID PVE showed when the token was made.</source>
        <translation>토큰 시크릿은 토큰을 만들 때 PVE가 표시한 UUID입니다.</translation>
    </message>
    <message>
        <source>The guest has snapshots: PVE cannot migrate those to another cluster yet.</source>
        <translation>인스턴스에 스냅샷이 있습니다. PVE는 아직 스냅샷이 있는 인스턴스를 다른 클러스터로 마이그레이션할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 holds %2 on a storage that is not shared: eject it first (PVE cannot migrate a local CD-ROM image).</source>
        <translation>%1에 공유되지 않는 스토리지의 %2이(가) 들어 있습니다. 먼저 꺼내십시오 (PVE는 로컬 CD-ROM 이미지를 마이그레이션할 수 없습니다).</translation>
    </message>
</context>
<context>
    <name>RepinDialog</name>
    <message>
        <source>Certificate renewed</source>
        <translation>인증서 갱신됨</translation>
    </message>
    <message>
        <source>The certificate of %1 has changed, and the cluster confirms the new one.</source>
        <translation>%1의 인증서가 변경되었으며, 클러스터가 새 인증서를 확인했습니다.</translation>
    </message>
    <message>
        <source>Node %1&apos;s certificate was confirmed by %2 over the already trusted connection: %2 reports exactly the certificate %1 presents now.</source>
        <translation>노드 %1의 인증서를 이미 신뢰된 연결을 통해 %2이(가) 확인했습니다. %2이(가) 알려 준 인증서가 지금 %1이(가) 제시하는 인증서와 정확히 같습니다.</translation>
    </message>
    <message>
        <source>Confirmed fingerprint</source>
        <translation>확인된 지문</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>지문 (SHA-256):</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>발급 대상:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>발급자:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>유효 기한:</translation>
    </message>
    <message>
        <source>Certificate file:</source>
        <translation>인증서 파일:</translation>
    </message>
    <message>
        <source>Trusted before (SHA-256):</source>
        <translation>이전에 신뢰한 지문 (SHA-256):</translation>
    </message>
    <message>
        <source>Trust the renewed certificate</source>
        <translation>갱신된 인증서 신뢰</translation>
    </message>
</context>
<context>
    <name>ResourcesPage</name>
    <message>
        <source>Resources</source>
        <translation>리소스</translation>
    </message>
    <message>
        <source>CPU cores, memory and swap for the container.</source>
        <translation>컨테이너의 CPU 코어, 메모리, Swap입니다.</translation>
    </message>
    <message>
        <source>CPU cores</source>
        <translation>CPU 코어</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>Swap</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore backup</source>
        <translation>백업 복원</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>아카이브</translation>
    </message>
    <message>
        <source>%1
%2 %3, %4, taken %5</source>
        <translation>%1
%2 %3, %4, %5 생성</translation>
    </message>
    <message>
        <source>Restore as a new guest</source>
        <translation>새 인스턴스로 복원</translation>
    </message>
    <message>
        <source>Overwrite %1 %2 (%3)</source>
        <translation>%1 %2 (%3) 덮어쓰기</translation>
    </message>
    <message>
        <source>Overwrite the existing guest</source>
        <translation>기존 인스턴스 덮어쓰기</translation>
    </message>
    <message>
        <source>About overwriting</source>
        <translation>덮어쓰기 안내</translation>
    </message>
    <message>
        <source>New VMID</source>
        <translation>새 VM ID</translation>
    </message>
    <message>
        <source>Target node</source>
        <translation>대상 노드</translation>
    </message>
    <message>
        <source>The archive is on %1, a storage of node %2 only: only that node can read it.</source>
        <translation>아카이브가 노드 %2 전용 스토리지인 %1에 있습니다: 그 노드만 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>Target storage</source>
        <translation>대상 스토리지</translation>
    </message>
    <message>
        <source>About the storages</source>
        <translation>스토리지 안내</translation>
    </message>
    <message>
        <source>About the pool</source>
        <translation>풀 안내</translation>
    </message>
    <message>
        <source>Type the VMID to confirm</source>
        <translation>확인을 위해 VM ID 입력</translation>
    </message>
    <message>
        <source>Type %1 to confirm that its current disks and settings are replaced:</source>
        <translation>현재 디스크와 설정을 교체하려면 %1을(를) 입력하여 확인하십시오:</translation>
    </message>
    <message>
        <source>Start the guest after restoring</source>
        <translation>복원 후 인스턴스 시작</translation>
    </message>
    <message>
        <source>Start after restore</source>
        <translation>복원 후 시작</translation>
    </message>
    <message>
        <source>Restore problem</source>
        <translation>복원 문제</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>복원</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>New VMID:</source>
        <translation>새 VM ID:</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>노드:</translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation>스토리지:</translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation>풀:</translation>
    </message>
    <message>
        <source>Original storage (as in the backup)</source>
        <translation>원래 스토리지(백업에 기록된 대로)</translation>
    </message>
    <message>
        <source>An overwritten guest stays in its pool.</source>
        <translation>덮어쓴 인스턴스는 기존 풀에 그대로 남습니다.</translation>
    </message>
    <message>
        <source>The guest is running. Stop it first: a running guest cannot be overwritten.</source>
        <translation>인스턴스가 실행 중입니다. 실행 중인 인스턴스는 덮어쓸 수 없으므로 먼저 중지하십시오.</translation>
    </message>
    <message>
        <source>The guest is locked (%1): wait for that job to end.</source>
        <translation>인스턴스가 잠겨 있습니다 (%1). 해당 작업이 끝날 때까지 기다리십시오.</translation>
    </message>
    <message>
        <source>Its disks and settings are replaced by the backup&apos;s. Changes since %1 are lost.</source>
        <translation>디스크와 설정이 백업의 것으로 교체됩니다. %1 이후의 변경 사항은 사라집니다.</translation>
    </message>
    <message>
        <source>Could not read the container&apos;s volumes: %1</source>
        <translation>컨테이너의 볼륨을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Reading the container&apos;s volumes…</source>
        <translation>컨테이너의 볼륨을 읽는 중…</translation>
    </message>
    <message>
        <source>VMID %1 is in use. Choose a free one.</source>
        <translation>VM ID %1은(는) 사용 중입니다. 사용 가능한 ID를 선택하십시오.</translation>
    </message>
    <message>
        <source>These volumes of the container are erased:</source>
        <translation>컨테이너의 다음 볼륨이 지워집니다:</translation>
    </message>
    <message>
        <source>not in the backup: gone for good</source>
        <translation>백업에 없음: 영구히 사라집니다</translation>
    </message>
    <message>
        <source>in the backup: restored from it</source>
        <translation>백업에 있음: 백업에서 복원됩니다</translation>
    </message>
    <message>
        <source>not in the backup (no backup=1): recreated empty, its data is lost</source>
        <translation>백업에 없음(backup=1 아님): 빈 볼륨으로 다시 만들어지며 데이터는 사라집니다</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>• %1 (%2): %3</source>
        <translation>• %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>Row</name>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 제거</translation>
    </message>
</context>
<context>
    <name>ServerOptions</name>
    <message>
        <source>Loading from the server…</source>
        <translation>서버에서 불러오는 중…</translation>
    </message>
    <message>
        <source>Could not load the list: %1</source>
        <translation>목록을 불러오지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>SessionRestore</name>
    <message>
        <source>Reopen windows at start</source>
        <translation>시작할 때 창 다시 열기</translation>
    </message>
    <message>
        <source>Guest pages and consoles open when VirtOn closes come back the next time, once their cluster is online.</source>
        <translation>VirtOn을 닫을 때 열려 있던 인스턴스 페이지와 콘솔이 다음 실행 때 클러스터가 온라인이 되면 다시 열립니다.</translation>
    </message>
    <message>
        <source>%1: %2 window(s) from the last session not reopened: their guests are gone or not visible to this user.</source>
        <translation>%1: 지난 세션의 창 %2개를 다시 열지 않았습니다. 인스턴스가 없어졌거나 이 사용자에게 보이지 않습니다.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Guest settings</source>
        <translation>인스턴스 설정</translation>
    </message>
    <message>
        <source>Settings of %1</source>
        <translation>%1 설정</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>설정 섹션</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>설정 저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Reload, keep my changes</source>
        <translation>다시 불러오기, 내 변경 유지</translation>
    </message>
    <message>
        <source>Reload the current values and keep my changes</source>
        <translation>현재 값을 다시 불러오고 내 변경 사항을 유지합니다</translation>
    </message>
    <message>
        <source>Shows what others changed and puts your own changes on top; nothing is saved until you press Save.</source>
        <translation>다른 사람이 변경한 내용을 표시하고 그 위에 내 변경 사항을 적용합니다. 저장을 누르기 전에는 아무것도 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>The guest is running: most hardware changes (CPU, memory, network model) take effect at its next start. You will be offered a reboot.</source>
        <translation>인스턴스가 실행 중입니다. 대부분의 하드웨어 변경(CPU, 메모리, 네트워크 모델)은 다음 시작 시 적용되며, 저장 후 재시작할 수 있습니다.</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>소켓</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>코어</translation>
    </message>
    <message>
        <source>all host cores</source>
        <translation>호스트의 모든 코어</translation>
    </message>
    <message>
        <source>CPU type</source>
        <translation>CPU 타입</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>Less than 512 MiB: most operating systems will not run well.</source>
        <translation>512 MiB 미만: 대부분의 운영체제가 원활하게 동작하지 않습니다.</translation>
    </message>
    <message>
        <source>Minimum memory (balloon)</source>
        <translation>최소 메모리 (벌루닝)</translation>
    </message>
    <message>
        <source>Ballooning off</source>
        <translation>벌루닝 끔</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>Swap</translation>
    </message>
    <message>
        <source>Sockets:</source>
        <translation>소켓:</translation>
    </message>
    <message>
        <source>Cores:</source>
        <translation>코어:</translation>
    </message>
    <message>
        <source>Total vCPUs:</source>
        <translation>총 vCPU:</translation>
    </message>
    <message>
        <source>CPU type:</source>
        <translation>CPU 타입:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>메모리:</translation>
    </message>
    <message>
        <source>Swap:</source>
        <translation>Swap:</translation>
    </message>
    <message>
        <source>Minimum memory:</source>
        <translation>최소 메모리:</translation>
    </message>
    <message>
        <source>CPU and memory</source>
        <translation>CPU 및 메모리</translation>
    </message>
    <message>
        <source>No network interfaces.</source>
        <translation>네트워크 인터페이스가 없습니다.</translation>
    </message>
    <message>
        <source>Add interface</source>
        <translation>인터페이스 추가</translation>
    </message>
    <message>
        <source>Add network interface</source>
        <translation>네트워크 인터페이스 추가</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>Disks can only grow. The file system inside the guest must be extended afterwards.</source>
        <translation>디스크는 늘리기만 할 수 있습니다. 이후 인스턴스 내부에서 파일 시스템을 확장해야 합니다.</translation>
    </message>
    <message>
        <source>No disks that can be resized.</source>
        <translation>크기를 조정할 수 있는 디스크가 없습니다.</translation>
    </message>
    <message>
        <source>Disks</source>
        <translation>디스크</translation>
    </message>
    <message>
        <source>Reloaded. Changes made by others are shown; your own changes are kept on top. Press Save to apply them.</source>
        <translation>다시 불러왔습니다. 다른 사람의 변경 사항이 표시되고 내 변경 사항은 그 위에 유지됩니다. 적용하려면 저장을 누르십시오.</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>설정 안 됨</translation>
    </message>
    <message>
        <source>%1: %2, removed at the next start</source>
        <translation>%1: %2, 다음 시작 때 제거됨</translation>
    </message>
    <message>
        <source>%1: %2 now, %3 after the next start</source>
        <translation>%1: 지금 %2, 다음 시작 후 %3</translation>
    </message>
    <message>
        <source>Pending changes (the editors show the values after the next start):</source>
        <translation>대기 중인 변경 (아래 입력란은 다음 시작 후의 값을 보여 줍니다):</translation>
    </message>
    <message>
        <source>Grow %1 by</source>
        <translation>%1 늘릴 크기</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>인터페이스</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>브리지</translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation>VLAN</translation>
    </message>
    <message>
        <source>Firewall</source>
        <translation>방화벽</translation>
    </message>
    <message>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <source>A value contains characters PVE would read as separate options (, = ; or control characters). Correct it and save again.</source>
        <translation>값에 PVE가 별도의 옵션으로 읽는 문자(, = ; 또는 제어 문자)가 있습니다. 값을 고친 후 다시 저장하십시오.</translation>
    </message>
    <message>
        <source>The minimum memory (balloon) must not be larger than the memory.</source>
        <translation>최소 메모리(벌루닝)는 메모리보다 클 수 없습니다.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장 중…</translation>
    </message>
</context>
<context>
    <name>SnapshotModel</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>생성 일시</translation>
    </message>
    <message>
        <source>RAM</source>
        <translation>RAM</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Where the guest is now: changes since the snapshot above are not saved in any snapshot.</source>
        <translation>인스턴스의 현재 위치: 위 스냅샷 이후의 변경 사항은 어느 스냅샷에도 저장되지 않았습니다.</translation>
    </message>
    <message>
        <source>NOW</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>You are here (running)</source>
        <translation>현재 위치 (실행 중)</translation>
    </message>
    <message>
        <source>You are here</source>
        <translation>현재 위치</translation>
    </message>
    <message>
        <source>changes since “%1” are not in a snapshot</source>
        <translation>“%1” 이후 변경 사항은 스냅샷에 없음</translation>
    </message>
</context>
<context>
    <name>SnapshotsView</name>
    <message>
        <source>Lock state</source>
        <translation>잠금 상태</translation>
    </message>
    <message>
        <source>Take snapshot</source>
        <translation>스냅샷 생성</translation>
    </message>
    <message>
        <source>Save the guest&apos;s current state</source>
        <translation>인스턴스의 현재 상태 저장</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>롤백</translation>
    </message>
    <message>
        <source>Return the guest to the selected snapshot</source>
        <translation>인스턴스를 선택한 스냅샷 시점으로 되돌립니다</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Delete the selected snapshot and free its space</source>
        <translation>선택한 스냅샷을 삭제하고 공간을 확보합니다</translation>
    </message>
    <message>
        <source>Edit description</source>
        <translation>설명 편집</translation>
    </message>
    <message>
        <source>Change the selected snapshot&apos;s description</source>
        <translation>선택한 스냅샷의 설명 변경</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Read the snapshots again</source>
        <translation>스냅샷 목록 다시 불러오기</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>스냅샷</translation>
    </message>
    <message>
        <source>Snapshot columns</source>
        <translation>스냅샷 열</translation>
    </message>
    <message>
        <source>Snapshot summary</source>
        <translation>스냅샷 요약</translation>
    </message>
    <message>
        <source>No snapshots</source>
        <translation>스냅샷 없음</translation>
    </message>
    <message>
        <source>The guest is not in the list (removed, or its cluster is not connected).</source>
        <translation>인스턴스가 목록에 없습니다 (제거되었거나 클러스터가 연결되어 있지 않음).</translation>
    </message>
    <message>
        <source>a snapshot is being taken</source>
        <translation>스냅샷 생성 중</translation>
    </message>
    <message>
        <source>a snapshot is being deleted</source>
        <translation>스냅샷 삭제 중</translation>
    </message>
    <message>
        <source>a rollback is running</source>
        <translation>롤백 진행 중</translation>
    </message>
    <message>
        <source>a backup is running</source>
        <translation>백업 진행 중</translation>
    </message>
    <message>
        <source>it is being cloned</source>
        <translation>복제 중</translation>
    </message>
    <message>
        <source>it is being migrated</source>
        <translation>마이그레이션 중</translation>
    </message>
    <message>
        <source>Locked (%1): %2. Snapshot actions wait until it ends.</source>
        <translation>잠김 (%1): %2. 끝날 때까지 스냅샷 작업을 할 수 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n snapshot(s)</source>
        <translation>
            <numerusform>스냅샷 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>now based on “%1”</source>
        <translation>현재 “%1” 기반</translation>
    </message>
    <message>
        <source>PVE does not roll back to an incomplete snapshot (%1)</source>
        <translation>PVE는 완료되지 않은 스냅샷(%1)으로 되돌리지 않습니다</translation>
    </message>
    <message>
        <source>No snapshots yet. “Take snapshot” saves the current state, so you can return to it later.</source>
        <translation>아직 스냅샷이 없습니다. “스냅샷 생성”으로 현재 상태를 저장하면 나중에 그 시점으로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Could not read the snapshots: %1</source>
        <translation>스냅샷을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>The snapshot task failed: %1</source>
        <translation>스냅샷 작업 실패: %1</translation>
    </message>
    <message>
        <source>Snapshot task finished.</source>
        <translation>스냅샷 작업 완료.</translation>
    </message>
    <message>
        <source>Taking snapshot “%1”…</source>
        <translation>스냅샷 “%1” 생성 중…</translation>
    </message>
    <message>
        <source>It saved the RAM state: the guest runs on from that moment.</source>
        <translation>RAM 상태가 저장된 스냅샷입니다. 인스턴스는 그 시점부터 바로 계속 실행됩니다.</translation>
    </message>
    <message>
        <source>It has no RAM state: the guest is stopped afterwards and must be started.</source>
        <translation>RAM 상태가 없는 스냅샷입니다. 롤백 후 인스턴스는 중지되며 다시 시작해야 합니다.</translation>
    </message>
    <message>
        <source>Roll %1 back to “%2”?

All changes since that snapshot are lost: the current disks and settings are overwritten with the snapshot&apos;s data. %3</source>
        <translation>%1을(를) “%2” 시점으로 롤백하시겠습니까?

해당 스냅샷 이후의 모든 변경 사항은 사라지고, 현재 디스크와 설정은 스냅샷 시점의 데이터로 덮어씌워집니다. %3</translation>
    </message>
    <message>
        <source>Rolling back to “%1”…</source>
        <translation>“%1”(으)로 롤백 중…</translation>
    </message>
    <message>
        <source>Delete snapshot</source>
        <translation>스냅샷 삭제</translation>
    </message>
    <message>
        <source>Delete the snapshot “%1” for good? Its data is merged away and its space freed; the guest&apos;s current state stays as it is.</source>
        <translation>스냅샷 “%1”을(를) 영구적으로 삭제하시겠습니까? 스냅샷 데이터는 병합되어 사라지고 공간이 확보됩니다. 인스턴스의 현재 상태는 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>Deleting snapshot “%1”…</source>
        <translation>스냅샷 “%1” 삭제 중…</translation>
    </message>
</context>
<context>
    <name>SpiceLauncher</name>
    <message>
        <source>Install virt-viewer for Windows (the MSI from virt-manager.org, or &quot;winget install RedHat.VirtViewer&quot;), then try again.</source>
        <translation>Windows용 virt-viewer(virt-manager.org의 MSI 또는 &quot;winget install RedHat.VirtViewer&quot;)를 설치한 다음 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>Install virt-viewer with Homebrew (&quot;brew install virt-viewer&quot;), then try again.</source>
        <translation>Homebrew로 virt-viewer를 설치한 다음(&quot;brew install virt-viewer&quot;) 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>Install the virt-viewer package, then try again:
    Debian, Ubuntu:  sudo apt install virt-viewer
    Fedora:  sudo dnf install virt-viewer
    Arch:  sudo pacman -S virt-viewer</source>
        <translation>virt-viewer 패키지를 설치한 다음 다시 시도하십시오:
    Debian, Ubuntu:  sudo apt install virt-viewer
    Fedora:  sudo dnf install virt-viewer
    Arch:  sudo pacman -S virt-viewer</translation>
    </message>
    <message>
        <source>SPICE console (remote-viewer)</source>
        <translation>SPICE 콘솔(remote-viewer)</translation>
    </message>
    <message>
        <source>Open the VM&apos;s SPICE display in remote-viewer</source>
        <translation>VM의 SPICE 디스플레이를 remote-viewer로 엽니다</translation>
    </message>
    <message>
        <source>remote-viewer is not installed</source>
        <translation>remote-viewer가 설치되어 있지 않음</translation>
    </message>
    <message>
        <source>SPICE consoles open in remote-viewer, which is not installed.</source>
        <translation>SPICE 콘솔은 remote-viewer로 열리는데, remote-viewer가 설치되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>SPICE console</source>
        <translation>SPICE 콘솔</translation>
    </message>
    <message>
        <source>%1 has no SPICE display (its display is &quot;%2&quot;). Choose SPICE (qxl) as its display in the hardware settings to use remote-viewer.</source>
        <translation>%1에는 SPICE 디스플레이가 없습니다(디스플레이: &quot;%2&quot;). remote-viewer를 사용하려면 하드웨어 설정에서 디스플레이를 SPICE(qxl)로 선택하십시오.</translation>
    </message>
    <message>
        <source>The server&apos;s SPICE settings cannot be used (%1).</source>
        <translation>서버의 SPICE 설정을 사용할 수 없습니다(%1).</translation>
    </message>
    <message>
        <source>remote-viewer could not be started: %1</source>
        <translation>remote-viewer를 시작할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Opened the SPICE console of %1 in remote-viewer.</source>
        <translation>%1의 SPICE 콘솔을 remote-viewer로 열었습니다.</translation>
    </message>
</context>
<context>
    <name>SshSettingsDialog</name>
    <message>
        <source>SSH to guests</source>
        <translation>게스트에 SSH</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Terminal command</source>
        <translation>터미널 명령</translation>
    </message>
    <message>
        <source>Empty: the system&apos;s handler of ssh:// links opens the connection. %u is the user, %a the address.</source>
        <translation>비워 두면 시스템의 ssh:// 링크 처리 프로그램이 연결합니다. %u는 사용자, %a는 주소입니다.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>StorageHint</name>
    <message>
        <source>You lack Datastore.AllocateSpace on every storage of node %1, so PVE lists none here: storages may well be configured. Ask an administrator for a role with Datastore.AllocateSpace (e.g. PVEDatastoreUser) on /storage or on the storage to use.</source>
        <translation>노드 %1의 어떤 스토리지에도 Datastore.AllocateSpace 권한이 없어 PVE가 여기에 스토리지를 하나도 표시하지 않습니다. 스토리지가 구성되어 있을 수 있습니다. 관리자에게 /storage 또는 사용할 스토리지에 Datastore.AllocateSpace가 포함된 역할(예: PVEDatastoreUser)을 요청하십시오.</translation>
    </message>
    <message>
        <source>PVE lists only the storages you hold Datastore.AllocateSpace or Datastore.Audit on, and none of them on node %1 fits here. Ask an administrator for a role with Datastore.AllocateSpace (e.g. PVEDatastoreUser) on the storage to use.</source>
        <translation>PVE는 Datastore.AllocateSpace 또는 Datastore.Audit 권한이 있는 스토리지만 표시하며, 노드 %1에는 여기에 맞는 스토리지가 그중에 없습니다. 관리자에게 사용할 스토리지에 Datastore.AllocateSpace가 포함된 역할(예: PVEDatastoreUser)을 요청하십시오.</translation>
    </message>
    <message>
        <source>%1: you lack Datastore.Audit and Datastore.AllocateSpace on every storage, so PVE lists no backups to you, although there may be some. Ask an administrator for a role with Datastore.Audit (e.g. PVEDatastoreUser) on the backup storage.</source>
        <translation>%1: 어떤 스토리지에도 Datastore.Audit 및 Datastore.AllocateSpace 권한이 없어 PVE가 백업을 표시하지 않습니다. 백업이 있을 수 있습니다. 관리자에게 백업 스토리지에 Datastore.Audit가 포함된 역할(예: PVEDatastoreUser)을 요청하십시오.</translation>
    </message>
    <message>
        <source>%1: only backups on the storages you hold Datastore.Audit or Datastore.AllocateSpace on are listed.</source>
        <translation>%1: Datastore.Audit 또는 Datastore.AllocateSpace 권한이 있는 스토리지의 백업만 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Check the settings. Nothing is created before you press Create.</source>
        <translation>설정을 확인하십시오. 생성을 누르기 전에는 아무것도 생성되지 않습니다.</translation>
    </message>
    <message>
        <source>Start after creation</source>
        <translation>생성 후 시작</translation>
    </message>
</context>
<context>
    <name>TagActions</name>
    <message>
        <source>Edit tags…</source>
        <translation>태그 편집…</translation>
    </message>
    <message>
        <source>Add or remove tags of the selected guests</source>
        <translation>선택한 인스턴스의 태그를 추가하거나 제거합니다</translation>
    </message>
    <message>
        <source>Tags written to %1 guests; %2 unchanged.</source>
        <translation>인스턴스 %1개에 태그를 저장했습니다. %2개는 변경 없음.</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>태그…</translation>
    </message>
    <message>
        <source>Add, remove or rename this guest&apos;s tags</source>
        <translation>이 인스턴스의 태그를 추가, 제거하거나 이름을 바꿉니다</translation>
    </message>
</context>
<context>
    <name>TagChipDelegate</name>
    <message>
        <source>%1 — click to show only guests with this tag</source>
        <translation>%1 — 클릭하면 이 태그가 있는 인스턴스만 표시합니다</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>TagFilterBar</name>
    <message>
        <source>Tag filter</source>
        <translation>태그 필터</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>태그:</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>태그로 필터</translation>
    </message>
    <message>
        <source>Show only guests with every chosen tag</source>
        <translation>선택한 태그를 모두 가진 인스턴스만 표시합니다</translation>
    </message>
    <message>
        <source>Clear tags</source>
        <translation>태그 필터 해제</translation>
    </message>
    <message>
        <source>Remove tag filter %1</source>
        <translation>태그 필터 %1 제거</translation>
    </message>
    <message>
        <source>Showing guests tagged %1; click to remove</source>
        <translation>태그 %1인 인스턴스를 표시 중입니다. 클릭하면 해제합니다</translation>
    </message>
    <message>
        <source>No other tags</source>
        <translation>다른 태그 없음</translation>
    </message>
</context>
<context>
    <name>TagInput</name>
    <message>
        <source>“%1” is not a tag PVE accepts: letters, digits and _ - + . only, not starting with - + or .</source>
        <translation>“%1”은(는) PVE가 받지 않는 태그입니다: 영문자, 숫자와 _ - + . 만 쓸 수 있고, - + . 로 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>“%1” is a registered tag: only users with Sys.Modify on / may set or remove it.</source>
        <translation>“%1”은(는) 등록된 태그입니다: / 에 Sys.Modify 권한이 있는 사용자만 설정하거나 제거할 수 있습니다.</translation>
    </message>
    <message>
        <source>This cluster lets only users with Sys.Modify on / change tags (“%1” refused).</source>
        <translation>이 클러스터에서는 / 에 Sys.Modify 권한이 있는 사용자만 태그를 바꿀 수 있습니다 (“%1” 거부됨).</translation>
    </message>
    <message>
        <source>“%1” is not among the tags this cluster allows you (user-tag-access); it needs Sys.Modify on /.</source>
        <translation>“%1”은(는) 이 클러스터가 허용하는 태그가 아닙니다 (user-tag-access). / 에 Sys.Modify 권한이 필요합니다.</translation>
    </message>
    <message>
        <source>“%1” is not among the tags you may use for sure: the cluster may refuse it (it then needs Sys.Modify on /).</source>
        <translation>“%1”은(는) 확실히 쓸 수 있는 태그가 아닙니다: 클러스터가 거부할 수 있습니다 (그 경우 / 에 Sys.Modify 권한이 필요합니다).</translation>
    </message>
    <message>
        <source>e.g. prod; web</source>
        <translation>예: prod; web</translation>
    </message>
</context>
<context>
    <name>TagWriter</name>
    <message>
        <source>The cluster is not connected.</source>
        <translation>클러스터가 연결되어 있지 않습니다.</translation>
    </message>
</context>
<context>
    <name>TaskLogDialog</name>
    <message>
        <source>Could not read the task: %1</source>
        <translation>작업을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>%1 of %2 – task log</source>
        <translation>%2 %1 – 작업 로그</translation>
    </message>
    <message>
        <source>%1 – task log</source>
        <translation>%1 – 작업 로그</translation>
    </message>
    <message>
        <source>Task failed: %1</source>
        <translation>작업 실패: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>알 수 없는 오류</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>유형:</translation>
    </message>
    <message>
        <source>Guest:</source>
        <translation>인스턴스:</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>노드:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>상태:</translation>
    </message>
    <message>
        <source>Task ID:</source>
        <translation>작업 ID:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy the log</source>
        <translation>로그 복사</translation>
    </message>
    <message>
        <source>Copy the whole log to the clipboard</source>
        <translation>로그 전체를 클립보드에 복사</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Close the log window</source>
        <translation>로그 창 닫기</translation>
    </message>
    <message>
        <source>Task log</source>
        <translation>작업 로그</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>작업 ID</translation>
    </message>
</context>
<context>
    <name>TaskModel</name>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>Status detail</source>
        <translation>상태 상세</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>재시작</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Destroy</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Clone</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>Migrate</source>
        <translation>마이그레이션</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>스냅샷</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>롤백</translation>
    </message>
    <message>
        <source>Delete snapshot</source>
        <translation>스냅샷 삭제</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>복원</translation>
    </message>
    <message>
        <source>Convert to template</source>
        <translation>템플릿으로 변환</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>리셋</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>백업</translation>
    </message>
    <message>
        <source>Move disk</source>
        <translation>디스크 이동</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>콘솔</translation>
    </message>
    <message>
        <source>HA start request</source>
        <translation>HA 시작 요청</translation>
    </message>
    <message>
        <source>HA stop request</source>
        <translation>HA 중지 요청</translation>
    </message>
    <message>
        <source>HA migration request</source>
        <translation>HA 마이그레이션 요청</translation>
    </message>
    <message>
        <source>Incoming migration</source>
        <translation>마이그레이션 수신</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>VM %1</source>
        <translation>VM %1</translation>
    </message>
    <message>
        <source>CT %1</source>
        <translation>CT %1</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>정상 완료</translation>
    </message>
    <message>
        <source>OK with warnings</source>
        <translation>완료 (경고 있음)</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>알 수 없는 오류</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <source>Task columns</source>
        <translation>작업 열</translation>
    </message>
    <message>
        <source>The cluster %1 is not connected.</source>
        <translation>클러스터 %1이(가) 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Could not stop the task %1: %2</source>
        <translation>작업 %1을(를) 중지하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Stop task</source>
        <translation>작업 중지</translation>
    </message>
    <message>
        <source>Stop task failed</source>
        <translation>작업 중지 실패</translation>
    </message>
    <message>
        <source>Task actions</source>
        <translation>작업 메뉴</translation>
    </message>
    <message>
        <source>Show log</source>
        <translation>로그 보기</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 %1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 실패: %2</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>알 수 없는 오류</translation>
    </message>
    <message>
        <source>%1 finished with warnings</source>
        <translation>%1 완료 (경고 있음)</translation>
    </message>
    <message>
        <source>%1 finished</source>
        <translation>%1 완료</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>진행 중: %1</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>작업 내역</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>완료된 작업 지우기</translation>
    </message>
    <message>
        <source>Clear finished tasks</source>
        <translation>완료된 작업 지우기</translation>
    </message>
    <message>
        <source>Remove the finished tasks from the list</source>
        <translation>완료된 작업을 목록에서 제거</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>작업 목록</translation>
    </message>
    <message>
        <source>Task list columns</source>
        <translation>작업 목록 열</translation>
    </message>
    <message>
        <source>Task list rows</source>
        <translation>작업 목록 행</translation>
    </message>
    <message>
        <source>Running tasks</source>
        <translation>진행 중인 작업</translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message>
        <source>Template</source>
        <translation>템플릿</translation>
    </message>
    <message>
        <source>The OS image the container starts from.</source>
        <translation>컨테이너의 기반이 될 OS 이미지입니다.</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>스토리지</translation>
    </message>
    <message>
        <source>No storage on this node holds CT templates. Enable the content &quot;Container template&quot; on a storage in PVE: Datacenter &gt; Storage.</source>
        <translation>이 노드에는 CT 템플릿이 있는 스토리지가 없습니다. PVE에서 스토리지에 &quot;Container template&quot; 콘텐츠를 사용하도록 설정하십시오: 데이터센터 &gt; 스토리지.</translation>
    </message>
    <message>
        <source>No CT templates on this storage. Download one in PVE: Storage &gt; CT Templates &gt; Templates.</source>
        <translation>이 스토리지에 CT 템플릿이 없습니다. PVE에서 다운로드하십시오: 스토리지 &gt; CT 템플릿 &gt; 템플릿.</translation>
    </message>
</context>
<context>
    <name>TerminalPane</name>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>찾기…</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>글자 크게</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>글자 작게</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>기본 글자 크기</translation>
    </message>
    <message>
        <source>Shell on node %1</source>
        <translation>노드 %1의 셸</translation>
    </message>
    <message>
        <source>%1 (%2) – Terminal</source>
        <translation>%1 (%2) – 터미널</translation>
    </message>
    <message>
        <source>Find in the scrollback</source>
        <translation>스크롤백에서 찾기</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Copied the selection.</source>
        <translation>선택한 내용을 복사했습니다.</translation>
    </message>
    <message>
        <source>Select text in the terminal to copy it.</source>
        <translation>복사하려면 터미널에서 텍스트를 선택하세요.</translation>
    </message>
    <message>
        <source>The clipboard has no text to paste.</source>
        <translation>클립보드에 붙여넣을 텍스트가 없습니다.</translation>
    </message>
    <message>
        <source>“%1” is not in the scrollback.</source>
        <translation>스크롤백에 “%1”이(가) 없습니다.</translation>
    </message>
</context>
<context>
    <name>TerminalView</name>
    <message>
        <source>Terminal</source>
        <translation>터미널</translation>
    </message>
    <message>
        <source>Node shell</source>
        <translation>노드 셸</translation>
    </message>
    <message>
        <source>KVM serial</source>
        <translation>KVM 직렬</translation>
    </message>
    <message>
        <source>Check that your user has the Sys.Console privilege on /nodes/%1.</source>
        <translation>사용자에게 /nodes/%1에 대한 Sys.Console 권한이 있는지 확인하세요.</translation>
    </message>
    <message>
        <source>%1 has no serial port, so it has no text terminal. Add a serial port of type socket (serial0: socket) in its hardware and restart it, or use the graphical console.</source>
        <translation>%1에는 직렬 포트가 없어 텍스트 터미널이 없습니다. 하드웨어에 소켓 유형의 직렬 포트(serial0: socket)를 추가하고 다시 시작하거나, 그래픽 콘솔을 사용하세요.</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>TfaDialog</name>
    <message>
        <source>Two-factor authentication</source>
        <translation>2단계 인증</translation>
    </message>
    <message>
        <source>%1 on %2 needs a second factor.</source>
        <translation>%2의 %1 계정에 2단계 인증이 필요합니다.</translation>
    </message>
    <message>
        <source>Authenticator app code (TOTP)</source>
        <translation>인증 앱 코드(TOTP)</translation>
    </message>
    <message>
        <source>YubiKey one-time password (Yubico OTP)</source>
        <translation>YubiKey 일회용 비밀번호(Yubico OTP)</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>복구 키</translation>
    </message>
    <message>
        <source>Second factor</source>
        <translation>2단계 인증 수단</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows now.</source>
        <translation>인증 앱에 지금 표시된 6자리 코드를 입력하십시오.</translation>
    </message>
    <message>
        <source>Touch your YubiKey&apos;s button with the cursor in the field.</source>
        <translation>입력란에 커서를 둔 채 YubiKey의 버튼을 누르십시오.</translation>
    </message>
    <message>
        <source>Enter one of your recovery keys. Each key works only once.</source>
        <translation>복구 키 중 하나를 입력하십시오. 각 키는 한 번만 사용할 수 있습니다.</translation>
    </message>
    <message>
        <source>Unused keys: %1.</source>
        <translation>사용하지 않은 키: %1.</translation>
    </message>
    <message>
        <source>Used since this prompt opened: %1.</source>
        <translation>이 창을 연 뒤 사용된 키: %1.</translation>
    </message>
    <message>
        <source>Few keys are left: make a new set after logging in.</source>
        <translation>남은 키가 적습니다. 로그인한 후 새 키 세트를 만드십시오.</translation>
    </message>
    <message>
        <source>That code was not accepted. Wait for the next code and try again.</source>
        <translation>코드가 승인되지 않았습니다. 다음 코드를 기다렸다가 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>That one-time password was not accepted. Touch the key again.</source>
        <translation>일회용 비밀번호가 승인되지 않았습니다. 키를 다시 누르십시오.</translation>
    </message>
    <message>
        <source>That recovery key was not accepted: it is mistyped or was already used.</source>
        <translation>복구 키가 승인되지 않았습니다. 잘못 입력했거나 이미 사용한 키입니다.</translation>
    </message>
</context>
<context>
    <name>ThemeMenu</name>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>시스템 설정에 따름</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
</context>
<context>
    <name>TokenSection</name>
    <message>
        <source>API token on the target cluster</source>
        <translation>대상 클러스터의 API 토큰</translation>
    </message>
    <message>
        <source>The target&apos;s profile logs in with the API token %1; the migration uses it. It needs Sys.Incoming on / there.</source>
        <translation>대상의 프로필은 API 토큰 %1(으)로 로그인하며, 마이그레이션에 이 토큰을 사용합니다. 이 토큰에는 대상의 / 경로에 Sys.Incoming 권한이 필요합니다.</translation>
    </message>
    <message>
        <source>Proxmox VE moves a guest between clusters with an API token of the target cluster, which needs Sys.Incoming on / besides VM.Allocate and Datastore.AllocateSpace. The target is not logged in with such a token here: enter one. As root on a target node, this makes one (its secret is shown once):</source>
        <translation>Proxmox VE는 대상 클러스터의 API 토큰으로 클러스터 간에 인스턴스를 이동하며, 이 토큰에는 VM.Allocate와 Datastore.AllocateSpace 외에 / 경로의 Sys.Incoming 권한이 필요합니다. 여기에서는 대상이 그런 토큰으로 로그인되어 있지 않으므로 토큰을 입력하십시오. 대상 노드에서 root로 다음 명령을 실행하면 토큰이 만들어집니다 (시크릿은 한 번만 표시됩니다):</translation>
    </message>
    <message>
        <source>Commands that make a token</source>
        <translation>토큰을 만드는 명령</translation>
    </message>
    <message>
        <source>Token ID</source>
        <translation>토큰 ID</translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation>토큰 시크릿</translation>
    </message>
    <message>
        <source>Token ID:</source>
        <translation>토큰 ID:</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>시크릿:</translation>
    </message>
    <message>
        <source>Remember this token in the keyring for this cluster</source>
        <translation>이 클러스터의 토큰을 키링에 저장</translation>
    </message>
    <message>
        <source>Only for a saved cluster profile with a keyring that protects secrets; otherwise the token is kept in memory until you quit.</source>
        <translation>저장된 클러스터 프로필과 시크릿을 보호하는 키링이 있을 때만 가능합니다. 그렇지 않으면 토큰은 종료할 때까지 메모리에만 보관됩니다.</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>VirtOn Desktop</source>
        <translation>VirtOn Desktop</translation>
    </message>
    <message>
        <source>Running tasks: %1</source>
        <translation>진행 중인 작업: %1</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>창 표시</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Show tray icon</source>
        <translation>트레이 아이콘 표시</translation>
    </message>
    <message>
        <source>Show an icon in the system tray with the number of running tasks</source>
        <translation>진행 중인 작업 수를 알려 주는 아이콘을 시스템 트레이에 표시합니다</translation>
    </message>
</context>
<context>
    <name>TrendCharts</name>
    <message>
        <source>Resource trends</source>
        <translation>리소스 트렌드</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>조회 기간</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>최근 1시간</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>최근 1일</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>최근 1주</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>최근 1개월</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>최근 1년</translation>
    </message>
    <message>
        <source>Average or maximum</source>
        <translation>평균 또는 최대</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>Value under the mouse</source>
        <translation>마우스 위치의 값</translation>
    </message>
    <message>
        <source>Chart status</source>
        <translation>차트 상태</translation>
    </message>
    <message>
        <source>Trend charts</source>
        <translation>트렌드 차트</translation>
    </message>
    <message>
        <source>CPU usage (%)</source>
        <translation>CPU 사용률 (%)</translation>
    </message>
    <message>
        <source>Memory (GiB): %1 %2</source>
        <translation>메모리 (GiB): %1 %2</translation>
    </message>
    <message>
        <source>used</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>allocated</source>
        <translation>할당</translation>
    </message>
    <message>
        <source>Disk (MB/s): %1 %2</source>
        <translation>디스크 (MB/s): %1 %2</translation>
    </message>
    <message>
        <source>read</source>
        <translation>읽기</translation>
    </message>
    <message>
        <source>write</source>
        <translation>쓰기</translation>
    </message>
    <message>
        <source>Network (MB/s): %1 %2</source>
        <translation>네트워크 (MB/s): %1 %2</translation>
    </message>
    <message>
        <source>in</source>
        <translation>인입</translation>
    </message>
    <message>
        <source>out</source>
        <translation>유출</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>할당</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>읽기</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>쓰기</translation>
    </message>
    <message>
        <source>In</source>
        <translation>인입</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>유출</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Trends unavailable</source>
        <translation>트렌드를 사용할 수 없음</translation>
    </message>
    <message>
        <source>No data in this range (the guest was not running)</source>
        <translation>이 기간에 데이터가 없습니다 (인스턴스가 실행 중이 아니었음)</translation>
    </message>
    <message>
        <source>Point at a chart to read its values</source>
        <translation>차트를 가리키면 값을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>Disk %1</source>
        <translation>디스크 %1</translation>
    </message>
    <message>
        <source>Net %1</source>
        <translation>네트워크 %1</translation>
    </message>
</context>
<context>
    <name>Validate</name>
    <message>
        <source>Enter a name.</source>
        <translation>이름을 입력하십시오.</translation>
    </message>
    <message>
        <source>Only letters A-Z, digits and hyphens (-) are allowed; &quot;%1&quot; is not.</source>
        <translation>영문자 A-Z, 숫자, 하이픈(-)만 사용할 수 있습니다. &quot;%1&quot;은(는) 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>The name cannot start or end with a hyphen.</source>
        <translation>이름은 하이픈으로 시작하거나 끝날 수 없습니다.</translation>
    </message>
    <message>
        <source>At most %1 characters (this has %2).</source>
        <translation>최대 %1자입니다 (현재 %2자).</translation>
    </message>
    <message>
        <source>Not a valid domain name (e.g. example.com).</source>
        <translation>올바른 도메인 이름이 아닙니다 (예: example.com).</translation>
    </message>
    <message>
        <source>Enter an ID.</source>
        <translation>ID를 입력하십시오.</translation>
    </message>
    <message>
        <source>The ID must be a number from %1 to %2.</source>
        <translation>ID는 %1에서 %2 사이의 숫자여야 합니다.</translation>
    </message>
    <message>
        <source>ID %1 is already in use; choose another.</source>
        <translation>ID %1은(는) 이미 사용 중입니다. 다른 ID를 선택하십시오.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>비밀번호를 입력하십시오.</translation>
    </message>
    <message>
        <source>At least %1 characters (this has %2).</source>
        <translation>최소 %1자 이상이어야 합니다 (현재 %2자).</translation>
    </message>
    <message>
        <source>Use at least three of: lower-case letters, upper-case letters, digits, symbols.</source>
        <translation>소문자, 대문자, 숫자, 기호 중 세 가지 이상을 사용하십시오.</translation>
    </message>
    <message>
        <source>The password must not contain the hostname.</source>
        <translation>비밀번호에 호스트명을 포함할 수 없습니다.</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>비밀번호가 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>매우 약함</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>약함</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>보통</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>강함</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>매우 강함</translation>
    </message>
    <message>
        <source>The VLAN tag must be a number from 1 to 4094 (or empty).</source>
        <translation>VLAN 태그는 1에서 4094 사이의 숫자여야 합니다 (또는 비워 둠).</translation>
    </message>
    <message>
        <source>At least %1 MiB.</source>
        <translation>최소 %1 MiB 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>Less than %1 MiB: most systems need at least that much to install and run.</source>
        <translation>%1 MiB 미만: 대부분의 시스템은 설치하고 실행하려면 최소 이만큼 필요합니다.</translation>
    </message>
    <message>
        <source>The size must be more than 0 GiB.</source>
        <translation>크기는 0 GiB보다 커야 합니다.</translation>
    </message>
    <message>
        <source>At most %1 GiB.</source>
        <translation>최대 %1 GiB입니다.</translation>
    </message>
    <message>
        <source>A MAC address looks like BC:24:11:2A:3B:4C.</source>
        <translation>MAC 주소 형식은 BC:24:11:2A:3B:4C와 같습니다.</translation>
    </message>
    <message>
        <source>This is a multicast address; the first byte must be even.</source>
        <translation>멀티캐스트 주소입니다. 첫 번째 바이트는 짝수여야 합니다.</translation>
    </message>
    <message>
        <source>Enter the address with its prefix length.</source>
        <translation>접두사 길이와 함께 주소를 입력하십시오.</translation>
    </message>
    <message>
        <source>An IPv4 address with prefix length, e.g. 10.0.0.5/24.</source>
        <translation>접두사 길이를 포함한 IPv4 주소, 예: 10.0.0.5/24</translation>
    </message>
    <message>
        <source>An IPv6 address with prefix length, e.g. 2001:db8::5/64.</source>
        <translation>접두사 길이를 포함한 IPv6 주소, 예: 2001:db8::5/64</translation>
    </message>
    <message>
        <source>%1 is the network address, not a host address.</source>
        <translation>%1은(는) 호스트 주소가 아닌 네트워크 주소입니다.</translation>
    </message>
    <message>
        <source>%1 is the broadcast address, not a host address.</source>
        <translation>%1은(는) 호스트 주소가 아닌 브로드캐스트 주소입니다.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a storage id Proxmox VE would give (letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;).</source>
        <translation>&quot;%1&quot;은(는) Proxmox VE가 쓰는 스토리지 ID가 아닙니다(문자, 숫자, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;만 사용).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a volume id this app can send safely.</source>
        <translation>&quot;%1&quot;은(는) 이 앱이 안전하게 보낼 수 있는 볼륨 ID가 아닙니다.</translation>
    </message>
    <message>
        <source>A bridge name has up to 15 letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;, e.g. vmbr0.</source>
        <translation>브리지 이름은 최대 15자의 영문자, 숫자, &apos;.&apos;, &apos;-&apos;, &apos;_&apos;로 이루어집니다 (예: vmbr0).</translation>
    </message>
    <message>
        <source>A CPU type has letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; or &apos;+&apos; only, e.g. x86-64-v2-AES or host.</source>
        <translation>CPU 유형은 영문자, 숫자, &apos;.&apos;, &apos;-&apos;, &apos;_&apos;, &apos;+&apos;만 사용할 수 있습니다 (예: x86-64-v2-AES 또는 host).</translation>
    </message>
    <message>
        <source>An IPv4 address, e.g. 10.0.0.1.</source>
        <translation>IPv4 주소, 예: 10.0.0.1</translation>
    </message>
    <message>
        <source>An IPv6 address, e.g. 2001:db8::1.</source>
        <translation>IPv6 주소, 예: 2001:db8::1</translation>
    </message>
    <message>
        <source>The gateway cannot be the interface&apos;s own address.</source>
        <translation>게이트웨이는 인터페이스 자신의 주소일 수 없습니다.</translation>
    </message>
    <message>
        <source>The gateway is outside %1.</source>
        <translation>게이트웨이가 %1 범위 밖에 있습니다.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation>&quot;%1&quot;은(는) IP 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>Only the first three DNS servers are used.</source>
        <translation>처음 세 개의 DNS 서버만 사용됩니다.</translation>
    </message>
    <message>
        <source>Enter the path inside the container, e.g. /data.</source>
        <translation>컨테이너 내부 경로를 입력하십시오. 예: /data</translation>
    </message>
    <message>
        <source>The path must start with /.</source>
        <translation>경로는 /로 시작해야 합니다.</translation>
    </message>
    <message>
        <source>/ is the root disk; choose a directory below it.</source>
        <translation>/는 루트 디스크입니다. 그 아래의 디렉터리를 선택하십시오.</translation>
    </message>
    <message>
        <source>The path cannot contain &quot;..&quot;.</source>
        <translation>경로에 &quot;..&quot;를 포함할 수 없습니다.</translation>
    </message>
    <message>
        <source>The path cannot contain spaces, commas, &quot;=&quot; or &quot;;&quot;.</source>
        <translation>경로에는 공백, 쉼표, &quot;=&quot;, &quot;;&quot;를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Line %1 is a comment: Proxmox VE refuses comment lines here. Remove it (a comment goes after the key).</source>
        <translation>%1번째 줄은 주석입니다. Proxmox VE는 여기서 주석 줄을 거부합니다. 지우십시오(주석은 키 뒤에 씁니다).</translation>
    </message>
    <message>
        <source>Line %1 is a DSA key (ssh-dss), which Proxmox VE 9 no longer accepts. Use an Ed25519 or RSA key.</source>
        <translation>%1번째 줄은 DSA 키(ssh-dss)입니다. Proxmox VE 9는 더 이상 받지 않습니다. Ed25519 또는 RSA 키를 쓰십시오.</translation>
    </message>
    <message>
        <source>Line %1 is not an OpenSSH public key (like &quot;ssh-ed25519 AAAA... user@host&quot;).</source>
        <translation>%1번째 줄은 OpenSSH 공개 키가 아닙니다 (예: &quot;ssh-ed25519 AAAA... user@host&quot;).</translation>
    </message>
    <message>
        <source>The minimum cannot exceed the memory.</source>
        <translation>최솟값은 메모리보다 클 수 없습니다.</translation>
    </message>
    <message>
        <source>Choose a storage.</source>
        <translation>스토리지를 선택하십시오.</translation>
    </message>
    <message>
        <source>Choose a bridge.</source>
        <translation>브리지를 선택하십시오.</translation>
    </message>
    <message>
        <source>An interface name like eth0 (letters and digits, at most 15).</source>
        <translation>eth0 같은 인터페이스 이름 (영문자와 숫자, 최대 15자).</translation>
    </message>
    <message>
        <source>A user name has letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;@&apos; or &apos;-&apos; (up to 64), e.g. debian.</source>
        <translation>사용자 이름에는 영문자, 숫자, &apos;_&apos;, &apos;.&apos;, &apos;@&apos;, &apos;-&apos;만 쓸 수 있습니다(최대 64자). 예: debian</translation>
    </message>
</context>
<context>
    <name>VmNicRow</name>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC 주소</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>자동</translation>
    </message>
</context>
<context>
    <name>VolumeRow</name>
    <message>
        <source>Storage</source>
        <translation>스토리지</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
</context>
<context>
    <name>WallActions</name>
    <message>
        <source>Console wall…</source>
        <translation>콘솔 월…</translation>
    </message>
    <message>
        <source>Watch the selected guests&apos; screens side by side, view only (up to %1)</source>
        <translation>선택한 인스턴스의 화면을 나란히 보기 전용으로 봅니다 (최대 %1개)</translation>
    </message>
</context>
<context>
    <name>_HoverBar</name>
    <message>
        <source>Leave full screen (F11)</source>
        <translation>전체화면 종료 (F11)</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>전체화면 종료</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>The demo cluster could not be started: %1</source>
        <translation>데모 클러스터를 시작하지 못했습니다: %1</translation>
    </message>
</context>
</TS>
