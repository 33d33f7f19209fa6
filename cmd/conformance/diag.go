package main

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"syscall"
)

// sock_diag (what `ss` reads): one dump of every TCP socket of a namespace, including TIME_WAIT
// sockets and SYN_RECV requests.

const (
	sockDiagByFamily = 20
	netlinkSockDiag  = 4
)

// kernel TCP state numbers (include/net/tcp_states.h)
var tcpStateNames = []string{"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV", "BOUND_INACTIVE"}

// diagSock is one socket in a dump.
type diagSock struct {
	state   string // kernel name; a TW socket reports its substate here (inet_twsk_diag_fill)
	timer   int    // 0 none, 1 retransmit, 2 keepalive, 3 timewait, 4 probe (persist)
	retrans int
	expires uint32 // ms
	rqueue  uint32
	wqueue  uint32
	local   netip.AddrPort
	remote  netip.AddrPort
	inode   uint32
}

// tw reports whether the socket is a TW socket: idiag_timer 3 is only used for those.
func (d diagSock) tw() bool { return d.timer == 3 }

var timerNames = []string{"off", "on", "keepalive", "timewait", "persist"}

type diagConn struct{ fd int }

func (w *nsWorker) openDiag() (*diagConn, error) {
	var fd int
	var err error
	w.do(func() {
		fd, err = syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, netlinkSockDiag)
	})
	if err != nil {
		return nil, fmt.Errorf("netlink sock_diag: %w", err)
	}
	return &diagConn{fd: fd}, nil
}

func (d *diagConn) close() { syscall.Close(d.fd) }

// dump returns every IPv4 TCP socket of the namespace.
func (d *diagConn) dump() ([]diagSock, error) {
	req := make([]byte, 16+56)
	binary.LittleEndian.PutUint32(req[0:4], uint32(len(req)))
	binary.LittleEndian.PutUint16(req[4:6], sockDiagByFamily)
	binary.LittleEndian.PutUint16(req[6:8], syscall.NLM_F_REQUEST|syscall.NLM_F_DUMP)
	binary.LittleEndian.PutUint32(req[8:12], 1)
	req[16] = syscall.AF_INET
	req[17] = syscall.IPPROTO_TCP
	binary.LittleEndian.PutUint32(req[20:24], 0xffffffff) // all states
	sa := &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}
	if err := syscall.Sendto(d.fd, req, 0, sa); err != nil {
		return nil, err
	}
	var out []diagSock
	buf := make([]byte, 1<<16)
	for {
		n, _, err := syscall.Recvfrom(d.fd, buf, 0)
		if err != nil {
			return nil, err
		}
		msgs, err := syscall.ParseNetlinkMessage(buf[:n])
		if err != nil {
			return nil, err
		}
		for _, m := range msgs {
			switch m.Header.Type {
			case syscall.NLMSG_DONE:
				return out, nil
			case syscall.NLMSG_ERROR:
				return nil, fmt.Errorf("sock_diag: netlink error")
			}
			b := m.Data
			if len(b) < 72 {
				continue
			}
			s := diagSock{timer: int(b[2]), retrans: int(b[3])}
			if int(b[1]) < len(tcpStateNames) {
				s.state = tcpStateNames[b[1]]
			}
			sport := binary.BigEndian.Uint16(b[4:6])
			dport := binary.BigEndian.Uint16(b[6:8])
			s.local = netip.AddrPortFrom(netip.AddrFrom4([4]byte(b[8:12])), sport)
			s.remote = netip.AddrPortFrom(netip.AddrFrom4([4]byte(b[24:28])), dport)
			s.expires = binary.LittleEndian.Uint32(b[52 : 52+4])
			s.rqueue = binary.LittleEndian.Uint32(b[56 : 56+4])
			s.wqueue = binary.LittleEndian.Uint32(b[60 : 60+4])
			s.inode = binary.LittleEndian.Uint32(b[68 : 68+4])
			out = append(out, s)
		}
	}
}
